"""The token states of the sentence encoder (all-MiniLM-L6-v2 layout) for
texts, as vane runs it (`vane_model::Embedder::embed_batch_with_tokens`):
the last layer at each word piece, [CLS] and [SEP] dropped, each row of
unit length, with the pieces. For the pair judge with meaning's alignment
features (`train-pair-judge.py --align`). Needs torch, safetensors and
tokenizers (PyPI).

  python3 scripts/minilm_tokens.py MODEL_DIR TEXTS.txt OUT.pkl
"""
import json
import os
import pickle
import sys

import numpy as np
import torch
import torch.nn.functional as F
from safetensors.torch import load_file
from tokenizers import Tokenizer

MAX_TOKENS = 256  # as vane_model's embed.rs


def load(model_dir):
    global cfg, W, tok, H, NH
    cfg = json.load(open(os.path.join(model_dir, 'config.json')))
    W = load_file(os.path.join(model_dir, 'model.safetensors'))
    tok = Tokenizer.from_file(os.path.join(model_dir, 'tokenizer.json'))
    tok.enable_truncation(MAX_TOKENS)
    tok.no_padding()
    H, NH = cfg['hidden_size'], cfg['num_attention_heads']


def ln(x, p):
    return F.layer_norm(x, (H,), W[p + '.weight'], W[p + '.bias'], 1e-12)


def lin(x, p):
    return x @ W[p + '.weight'].T + W[p + '.bias']


@torch.no_grad()
def encode(batch_ids):
    """The last layer's states of a padded batch of token id lists, and the mask."""
    n, b = max(len(i) for i in batch_ids), len(batch_ids)
    ids = torch.zeros(b, n, dtype=torch.long)
    mask = torch.zeros(b, n)
    for r, i in enumerate(batch_ids):
        ids[r, :len(i)] = torch.tensor(i)
        mask[r, :len(i)] = 1
    x = (W['embeddings.word_embeddings.weight'][ids] + W['embeddings.position_embeddings.weight'][:n][None]
         + W['embeddings.token_type_embeddings.weight'][0])
    x = ln(x, 'embeddings.LayerNorm')
    bias = ((1 - mask) * -1e9)[:, None, None, :]

    def heads(t):
        return t.view(b, n, NH, H // NH).transpose(1, 2)

    for layer in range(cfg['num_hidden_layers']):
        p = f'encoder.layer.{layer}.'
        q = heads(lin(x, p + 'attention.self.query'))
        k = heads(lin(x, p + 'attention.self.key'))
        v = heads(lin(x, p + 'attention.self.value'))
        a = F.scaled_dot_product_attention(q, k, v, attn_mask=bias).transpose(1, 2).reshape(b, n, H)
        x = ln(x + lin(a, p + 'attention.output.dense'), p + 'attention.output.LayerNorm')
        m = F.gelu(lin(x, p + 'intermediate.dense'))
        x = ln(x + lin(m, p + 'output.dense'), p + 'output.LayerNorm')
    return x, mask


def token_embeddings(texts, bs=64):
    """Each text's (rows, pieces): unit fp16 rows (half the memory; the
    features move by under 1e-4) and the word pieces, [CLS] and [SEP] dropped."""
    encs = [tok.encode(t) for t in texts]
    order = sorted(range(len(texts)), key=lambda i: len(encs[i].ids))
    out = [None] * len(texts)
    for j in range(0, len(order), bs):
        idx = order[j:j + bs]
        x, _ = encode([encs[i].ids for i in idx])
        for r, i in enumerate(idx):
            n = len(encs[i].ids)
            t = x[r, 1:n - 1]
            t = t / t.norm(dim=1, keepdim=True).clamp_min(1e-9)
            out[i] = (t.numpy().astype(np.float16), encs[i].tokens[1:n - 1])
        if j % (bs * 50) == 0:
            print(f"token states: {j} of {len(texts)}", file=sys.stderr, flush=True)
    return out


if __name__ == '__main__':
    load(sys.argv[1])
    texts = [line.rstrip('\n') for line in open(sys.argv[2], encoding='utf-8')]
    with open(sys.argv[3], 'wb') as f:
        pickle.dump(token_embeddings(texts), f)
