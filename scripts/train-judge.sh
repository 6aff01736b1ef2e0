#!/usr/bin/env bash
# Trains the learned judge of stance on the labelled corpus (data/labelled) and writes
# data/judge/: head.safetensors (every fold; built into `vane --features model`),
# head-tuning.safetensors (folds 0-2 only, for scoring the held-out folds honestly),
# judge.json (settings) and report.md (bases compared, held-out figures, learning curve).
# CPU only, seeded: about 30 minutes on a 2-core machine shared with other jobs (the three-member
# heads of the cross-validation and the learning curve; embedding is seconds once the cache is warm).
#   VANE_MODEL_DIR=dir  the base model (default: what scripts/setup-model.sh unpacks)
set -euo pipefail
cd "$(dirname "$0")/.."
model="$(scripts/setup-model.sh | tail -n1)"
cargo run --release --quiet -p vane-model --features candle --example train_judge -- \
    --model "$model" --data data/labelled --out data/judge
