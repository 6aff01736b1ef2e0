#!/usr/bin/env bash
# Reads the labelled corpus (data/labelled) with the questions written for it and
# scores the positions by folds (scripts/folds.py). Extra arguments go to folds.py
# (e.g. --markdown, --floors data/labelled/floors.toml).
#   VANE=path/to/vane  the binary to use (default: a release build)
#   OUT=dir            where the ledger and the exports go (default: out/labelled)
#   GOLD=dir           the labelled set (default: data/labelled): questions.toml, gold.csv,
#                      coverage.csv, folds.csv and docs/
#   VANE_ARGS="..."    extra arguments to `vane ingest` (e.g. --model DIR for the judge)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/weathervane-target}"
if [ -z "${VANE:-}" ]; then
  cargo build --release -p vane --quiet
  VANE="$CARGO_TARGET_DIR/release/vane"
fi
OUT="${OUT:-out/labelled}"
GOLD="${GOLD:-data/labelled}"
mkdir -p "$OUT"
rm -f "$OUT"/labelled.db*
"$VANE" questions load --db "$OUT/labelled.db" "$GOLD/questions.toml" >/dev/null
# shellcheck disable=SC2086
"$VANE" ingest ${VANE_ARGS:-} --db "$OUT/labelled.db" "$GOLD/docs/" >"$OUT/ingest.log" 2>&1 || true
"$VANE" export positions --db "$OUT/labelled.db" >"$OUT/positions.jsonl"
"$VANE" export lines --db "$OUT/labelled.db" >"$OUT/lines.jsonl"
python3 scripts/folds.py --gold "$GOLD" --positions "$OUT/positions.jsonl" --lines "$OUT/lines.jsonl" "$@"
