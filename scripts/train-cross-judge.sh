#!/usr/bin/env bash
# Fine-tunes the cross-encoder judge of stance (scripts/train-cross-judge.py) on
# the labelled corpus and writes its weights and cross-report.json to $OUT
# (default out/cross-judge). An experiment of issue 14: on the held-out folds it
# scored below the frozen-encoder head that vane ships (NOTES.md, session 10), so
# vane does not read these weights.
#   SEARCH=1   choose the settings by cross-validation on folds 0-2 (a GPU helps:
#              24 fine-tunings); otherwise data/judge/cross-judge.json is used
#   CURVE=1    also the learning curve (held-out F1 at 25/50/75% of the questions)
#   TOKENS=n   cut each pair to n tokens (default 256; shorter trains faster on a CPU)
#   NEG=k      train on every pair with a stance and k `none` pairs for each (default:
#              all pairs); on 2 CPU cores, TOKENS=128 NEG=2 trains the folds 0-2 model
#              in about 33 minutes on the 635-question corpus, shared with
#              other jobs (NOTES.md, session 33)
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
    --pairs "$out/pairs.jsonl" --model "$model" --pack "$out/pack.safetensors" \
    --max-tokens "${TOKENS:-256}"
args=(--pack "$out/pack.safetensors" --out "$out" --neg-per-pos "${NEG:-0}")
if [ -n "${SEARCH:-}" ]; then args+=(--search); else args+=(--settings data/judge/cross-judge.json); fi
if [ -n "${CURVE:-}" ]; then args+=(--curve --draws 2); fi
.venv-train/bin/python scripts/train-cross-judge.py train "${args[@]}"
