#!/usr/bin/env bash
# Builds `vane` and runs the main job on the bundled examples:
#  1. the seed article (examples/seed/, published 2025-07-10), and
#  2. the White House development set (examples/whitehouse/, 27 transcripts).
# Each goes into its own ledger under out/; the brief and the exports land there too.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/weathervane-target}"
cargo build --release -p vane
VANE="$CARGO_TARGET_DIR/release/vane"
mkdir -p out
rm -f out/seed.db* out/whitehouse.db*

echo "== seed article =="
"$VANE" questions load --db out/seed.db examples/seed/questions.toml
"$VANE" ingest --db out/seed.db --published 2025-07-10 examples/seed/rubio-lavrov-kuala-lumpur.txt
"$VANE" export positions --db out/seed.db > out/seed-positions.jsonl
"$VANE" export lines --db out/seed.db > out/seed-lines.jsonl
"$VANE" brief --db out/seed.db --question us-arms-to-ukraine --side USA --counterpart RUS --as-of 2025-07-10 | tee out/seed-brief.md
"$VANE" brief --db out/seed.db --question us-arms-to-ukraine --side USA --counterpart RUS --as-of 2025-07-10 --format json > out/seed-brief.json
"$VANE" brief --db out/seed.db --question us-arms-to-ukraine --side USA --counterpart RUS --as-of 2025-07-10 --format html > out/seed-brief.html

echo "== White House development set =="
"$VANE" questions load --db out/whitehouse.db examples/whitehouse/questions.toml
"$VANE" ingest --db out/whitehouse.db examples/whitehouse/
"$VANE" export positions --db out/whitehouse.db > out/whitehouse-positions.jsonl
"$VANE" export lines --db out/whitehouse.db > out/whitehouse-lines.jsonl
"$VANE" line --db out/whitehouse.db --question us-f16-to-ukraine --format csv

# Score against the gold when the evaluation scripts are at hand (they live outside the project).
SCORER="${WEATHERVANE_EVAL:-../shared/eval}/score_positions.py"
if [ -f "$SCORER" ]; then
  echo "== scores =="
  python3 "$SCORER" --gold examples/seed --positions out/seed-positions.jsonl --lines out/seed-lines.jsonl | tail -1
  python3 "$SCORER" --gold examples/whitehouse --positions out/whitehouse-positions.jsonl --lines out/whitehouse-lines.jsonl | tail -1
fi
echo "outputs in out/"
