#!/usr/bin/env bash
# Fine-tunes the cross-encoder judge of stance (scripts/train-cross-judge.py) on
# the labelled corpus and writes its weights and cross-report.json to $OUT
# (default out/cross-judge). An experiment of issue 14: on the held-out folds it
# scored below the frozen-encoder head that vane ships (NOTES.md, session 10), so
# vane does not read these weights.
#   SEARCH=1   choose the settings by cross-validation on folds 0-2 (a GPU helps:
#              24 fine-tunings); otherwise data/judge/cross-judge.json is used
#   CURVE=1    also the learning curve (held-out F1 at 25/50/75% of the questions)
# Installs PyTorch, numpy, safetensors and tokenizers into .venv-train (pip, from
# the registry; about 4 GB, since PyPI's Linux torch brings CUDA's libraries).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${OUT:-out/cross-judge}"
mkdir -p "$out"
model="$(scripts/setup-model.sh | tail -n1)"
if [ ! -x .venv-train/bin/python ]; then
  python3 -m venv .venv-train
  .venv-train/bin/pip install -q torch numpy safetensors tokenizers
fi
cargo run --release --quiet -p vane-model --features candle --example train_judge -- \
    --data data/labelled --dump "$out/pairs.jsonl"
.venv-train/bin/python scripts/train-cross-judge.py prepare \
    --pairs "$out/pairs.jsonl" --model "$model" --pack "$out/pack.safetensors"
args=(--pack "$out/pack.safetensors" --out "$out")
if [ -n "${SEARCH:-}" ]; then args+=(--search); else args+=(--settings data/judge/cross-judge.json); fi
if [ -n "${CURVE:-}" ]; then args+=(--curve --draws 2); fi
.venv-train/bin/python scripts/train-cross-judge.py train "${args[@]}"
