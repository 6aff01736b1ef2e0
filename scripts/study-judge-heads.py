#!/usr/bin/env python3
"""Cross-validates heads for the learned judge outside `train_judge`, on the
features it dumps, to try a design quickly before building it into Rust.

    cargo run --release -p vane-model --features candle --example train_judge -- \
        --model DIR --data data/labelled --dump-features /tmp/feat.bin
    python3 scripts/study-judge-heads.py /tmp/feat.bin

Needs PyTorch and NumPy (any CPU build). Scores only by 3-fold
cross-validation over folds 0–2 (train on two tuning folds, score the third),
pair-level label F1 as `train_judge` counts it, at several cuts on p(none);
the held-out folds 3–4 are never read here. Each setting is the mean of the
members' logits (one head when `members` is 1), as `vane_model::judge::train`
merges them.
"""
import json
import sys

import numpy as np
import torch

torch.set_num_threads(1)
path = sys.argv[1]
meta = [json.loads(line) for line in open(path + ".jsonl")]
d = meta[0]["dim"]
X = np.fromfile(path, dtype="<f4").reshape(len(meta), d)
y = np.array([m["label"] for m in meta])
fold = np.array([m["fold"] for m in meta])
tune = np.where(fold <= 2)[0]


def train(idx, hidden=128, epochs=30, lr=3e-4, wd=0.01, seed=7, dropout=0.0, batch=64):
    """One head as `judge::train` builds it; returns a function giving logits."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    x = X[idx]
    mu, sd = x.mean(0), np.maximum(x.std(0), 1e-4)
    xt, yt = torch.tensor((x - mu) / sd), torch.tensor(y[idx])
    counts = np.bincount(y[idx], minlength=4)
    cw = torch.tensor([len(idx) / (4 * c) if c else 0 for c in counts], dtype=torch.float32)
    m = torch.nn.Sequential(torch.nn.Dropout(dropout), torch.nn.Linear(d, hidden), torch.nn.ReLU(),
                            torch.nn.Dropout(dropout), torch.nn.Linear(hidden, 4))
    opt = torch.optim.AdamW(m.parameters(), lr=lr, weight_decay=wd)
    for _ in range(epochs):
        m.train()
        perm = rng.permutation(len(idx))
        for i in range(0, len(perm), batch):
            b = perm[i:i + batch]
            lp = torch.log_softmax(m(xt[b]), 1)
            loss = -(lp[torch.arange(len(b)), yt[b]] * cw[yt[b]]).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
    m.eval()

    def logits(j):
        with torch.no_grad():
            return m(torch.tensor((X[j] - mu) / sd)).numpy()
    return logits


def f1(probs, idx, cut):
    pred = np.where(probs[:, 0] >= cut, 0, 1 + probs[:, 1:].argmax(1))
    g = y[idx]
    tp = ((g != 0) & (pred == g)).sum()
    fp = ((pred != 0) & (pred != g)).sum()
    fn = ((g != 0) & (pred != g)).sum()
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def cv(members=1, **cfg):
    logit = np.zeros((len(X), 4))
    for k in range(3):
        tr, te = np.where((fold <= 2) & (fold != k))[0], np.where(fold == k)[0]
        for s in range(members):
            logit[te] += train(tr, seed=7 + s, **cfg)(te) / members
    e = np.exp(logit - logit.max(1, keepdims=True))
    probs = e / e.sum(1, keepdims=True)
    return {cut: round(f1(probs[tune], tune, cut), 3) for cut in (0.5, 0.6, 0.7, 0.85)}


for name, cfg in [
    ("hidden 128, 30 epochs (the plain head)", {}),
    ("dropout .3, 40 epochs", {"dropout": 0.3, "epochs": 40}),
    ("dropout .3, 40 epochs, 3 members", {"dropout": 0.3, "epochs": 40, "members": 3}),
]:
    print(f"{name}: CV F1 by cut {cv(**cfg)}", flush=True)
