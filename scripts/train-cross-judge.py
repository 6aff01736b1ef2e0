#!/usr/bin/env python3
"""Fine-tunes the cross-encoder judge of stance (issue 14) on the labelled corpus.

The base is all-MiniLM-L6-v2 (what scripts/setup-model.sh unpacks). The judge
reads one input, "[CLS] proposition [SEP] statement in context [SEP]", and
gives the probabilities of none, support, oppose and neutral from the
mean-pooled states and the rules' nine features (vane_read::rule_features).
The word embeddings stay frozen, so the weights written hold only the layers
above them and the head, to be laid over the base's own file.

An experiment of issue 14, kept so that it can be run again when the corpus
grows: on the held-out folds it scored below the frozen-encoder head that vane
ships (pair F1 0.184 against 0.240; NOTES.md, session 10), and again on the
635-question corpus on a CPU (0.319 against 0.377, though the mean of the two
reaches 0.414; session 33, scripts/compare-pair-judges.py), so vane has no
reader for these weights.

Two steps, so that the heavy one can run where a GPU is at hand:

  prepare  tokenizes the pairs (train_judge --dump) and packs them with the
           base weights the training needs (only the rows of the word
           embeddings that the pairs use) into one file;
  train    reads the pack: cross-validation over folds 0-2 to choose the
           settings (--search), the held-out figures on folds 3-4, the
           learning curve (--curve), and the weights for folds 0-2 and for
           every fold.

scripts/train-cross-judge.sh runs both on the CPU. Seeded: the same pack and
settings give the same weights on the same device.
"""
import argparse
import json
import math
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.numpy import load_file as np_load, save_file as np_save

from pair_scores import decide, score

LABELS = ["none", "support", "oppose", "neutral"]
MAX_TOKENS = 256
WORD = "embeddings.word_embeddings.weight"


# --- prepare --------------------------------------------------------------

def prepare(args):
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(os.path.join(args.model, "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(args.max_tokens, strategy="longest_first")
    rows = [json.loads(l) for l in open(args.pairs)]
    encs = tok.encode_batch([(r["a"], r["b"]) for r in rows])
    used = sorted({i for e in encs for i in e.ids})
    remap = {old: new for new, old in enumerate(used)}
    ids = np.concatenate([np.array([remap[i] for i in e.ids], dtype=np.int16) for e in encs])
    lens = np.array([len(e.ids) for e in encs], dtype=np.int32)
    base = np_load(os.path.join(args.model, "model.safetensors"))
    pack = {
        "pair.ids": ids,
        "pair.lens": lens,
        "pair.label": np.array([r["label"] for r in rows], dtype=np.int8),
        "pair.fold": np.array([r["fold"] for r in rows], dtype=np.int8),
        "pair.rules": np.array([r["rules"] for r in rows], dtype=np.float32),
        "vocab.used": np.array(used, dtype=np.int32),
        WORD: base[WORD][used].astype(np.float16),
    }
    for k, v in base.items():
        if k == WORD or not k.startswith(("embeddings.", "encoder.")) or "position_ids" in k:
            continue
        pack[k] = v.astype(np.float16)
    # Inputs are at most MAX_TOKENS long: later positions are never read.
    pos = "embeddings.position_embeddings.weight"
    pack[pos] = pack[pos][:MAX_TOKENS]
    if args.int8:
        # Smaller to carry (a device's transfer limit): each matrix as int8 rows
        # with one fp16 scale a row; `Pack` restores fp32. The error (about
        # 0.4% of a row's largest weight) is far below what fine-tuning moves.
        for k in [k for k in pack if not k.startswith(("pair.", "vocab.")) and pack[k].ndim == 2]:
            v = pack[k].astype(np.float32)
            scale = np.maximum(np.abs(v).max(1, keepdims=True), 1e-8) / 127.0
            pack[k + ".q8"] = np.round(v / scale).astype(np.int8)
            pack[k + ".scale"] = scale.astype(np.float16)
            del pack[k]
    questions = [r["question"] for r in rows]
    # Segment ids are not stored: the second segment starts after the first [SEP].
    meta = {"config": open(os.path.join(args.model, "config.json")).read(),
            "questions": json.dumps(questions),
            "sep": str(remap[tok.token_to_id("[SEP]")])}
    np_save(pack, args.pack, metadata=meta)
    size = os.path.getsize(args.pack)
    print(f"packed {len(rows)} pairs, {len(used)} of {base[WORD].shape[0]} word rows, "
          f"{size / 1e6:.1f} MB -> {args.pack}", file=sys.stderr)


# --- the model ------------------------------------------------------------

class Layer(nn.Module):
    def __init__(self, h, heads, inter, eps):
        super().__init__()
        self.heads = heads
        self.attention = nn.Module()
        self.attention.self = nn.Module()
        self.attention.self.query = nn.Linear(h, h)
        self.attention.self.key = nn.Linear(h, h)
        self.attention.self.value = nn.Linear(h, h)
        self.attention.output = nn.Module()
        self.attention.output.dense = nn.Linear(h, h)
        self.attention.output.LayerNorm = nn.LayerNorm(h, eps=eps)
        self.intermediate = nn.Module()
        self.intermediate.dense = nn.Linear(h, inter)
        self.output = nn.Module()
        self.output.dense = nn.Linear(inter, h)
        self.output.LayerNorm = nn.LayerNorm(h, eps=eps)

    def forward(self, x, bias, drop):
        b, n, h = x.shape
        sa = self.attention.self
        split = lambda t: t.view(b, n, self.heads, h // self.heads).transpose(1, 2)
        q, k, v = split(sa.query(x)), split(sa.key(x)), split(sa.value(x))
        att = F.scaled_dot_product_attention(q, k, v, attn_mask=bias,
                                             dropout_p=drop if self.training else 0.0)
        att = att.transpose(1, 2).reshape(b, n, h)
        ao = self.attention.output
        x = ao.LayerNorm(x + F.dropout(ao.dense(att), drop, self.training))
        m = F.gelu(self.intermediate.dense(x))
        return self.output.LayerNorm(x + F.dropout(self.output.dense(m), drop, self.training))


class Judge(nn.Module):
    """BERT with the parameter names of the base's safetensors, and the head."""

    def __init__(self, cfg, vocab, rules):
        super().__init__()
        h = cfg["hidden_size"]
        self.drop = cfg["hidden_dropout_prob"]
        self.rules = rules
        self.embeddings = nn.Module()
        self.embeddings.word_embeddings = nn.Embedding(vocab, h)
        self.embeddings.position_embeddings = nn.Embedding(cfg["max_position_embeddings"], h)
        self.embeddings.token_type_embeddings = nn.Embedding(cfg["type_vocab_size"], h)
        self.embeddings.LayerNorm = nn.LayerNorm(h, eps=cfg["layer_norm_eps"])
        self.encoder = nn.Module()
        self.encoder.layer = nn.ModuleList(
            Layer(h, cfg["num_attention_heads"], cfg["intermediate_size"], cfg["layer_norm_eps"])
            for _ in range(cfg["num_hidden_layers"]))
        self.judge = nn.Linear(h + (9 if rules else 0), len(LABELS))

    def forward(self, ids, types, mask, rules):
        e = self.embeddings
        pos = torch.arange(ids.shape[1], device=ids.device)
        x = e.word_embeddings(ids) + e.position_embeddings(pos)[None] + e.token_type_embeddings(types)
        x = F.dropout(e.LayerNorm(x), self.drop, self.training)
        bias = torch.zeros(mask.shape, dtype=x.dtype, device=x.device)
        bias = bias.masked_fill(mask == 0, torch.finfo(x.dtype).min)[:, None, None, :]
        for layer in self.encoder.layer:
            x = layer(x, bias, self.drop)
        m = mask[..., None].to(x.dtype)
        pooled = (x * m).sum(1) / m.sum(1)
        if self.rules:
            pooled = torch.cat([pooled, rules.to(pooled.dtype)], 1)
        return self.judge(F.dropout(pooled, self.drop, self.training))


# --- data -----------------------------------------------------------------

class Pack:
    def __init__(self, path):
        from safetensors import safe_open
        with safe_open(path, "np") as f:
            meta = f.metadata()
        self.t = np_load(path)
        self.vocab = len(self.t["vocab.used"])
        self.cfg = json.loads(meta["config"])
        self.questions = json.loads(meta["questions"])
        lens = self.t["pair.lens"]
        starts = np.concatenate([[0], np.cumsum(lens)[:-1]])
        self.ids = [self.t["pair.ids"][s:s + n].astype(np.int64) for s, n in zip(starts, lens)]
        sep = int(meta["sep"])
        self.types = [(np.cumsum(ids == sep) - (ids == sep) > 0).astype(np.int64) for ids in self.ids]
        self.label = self.t["pair.label"].astype(np.int64)
        self.fold = self.t["pair.fold"].astype(np.int64)
        self.rules = self.t["pair.rules"]

    def base_state(self):
        out = {}
        for k, v in self.t.items():
            if k.startswith(("pair.", "vocab.")) or k.endswith(".scale"):
                continue
            if k.endswith(".q8"):
                name = k[:-3]
                v = v.astype(np.float32) * self.t[name + ".scale"].astype(np.float32)
                k = name
            out[k] = torch.from_numpy(v.astype(np.float32))
        # Positions past MAX_TOKENS were not packed (no input reaches them).
        pos = "embeddings.position_embeddings.weight"
        full = self.cfg["max_position_embeddings"]
        if out[pos].shape[0] < full:
            pad = torch.zeros(full - out[pos].shape[0], out[pos].shape[1])
            out[pos] = torch.cat([out[pos], pad])
        return out

    def batch(self, idx, dev):
        n = max(len(self.ids[i]) for i in idx)
        ids = np.zeros((len(idx), n), np.int64)
        types = np.zeros((len(idx), n), np.int64)
        mask = np.zeros((len(idx), n), np.int64)
        for r, i in enumerate(idx):
            k = len(self.ids[i])
            ids[r, :k], types[r, :k], mask[r, :k] = self.ids[i], self.types[i], 1
        t = lambda a: torch.from_numpy(a).to(dev)
        return t(ids), t(types), t(mask), t(self.rules[idx]), t(self.label[idx])


def new_model(pack, rules, dev):
    m = Judge(pack.cfg, pack.vocab, rules)
    missing, unexpected = m.load_state_dict(pack.base_state(), strict=False)
    assert not unexpected and set(missing) == {"judge.weight", "judge.bias"}, (missing, unexpected)
    m.embeddings.word_embeddings.weight.requires_grad_(False)
    return m.to(dev)


def buckets(pack, train, batch, rng):
    """Shuffled batches of similar lengths: the pairs are shuffled, cut into
    runs of 50 batches, each run sorted by length and cut into batches, and
    the batches shuffled. Less padding, so about twice as fast on a CPU."""
    order = list(train)
    rng.shuffle(order)
    out = []
    run = batch * 50
    for r in range(0, len(order), run):
        chunk = sorted(order[r:r + run], key=lambda i: len(pack.ids[i]))
        out += [chunk[b:b + batch] for b in range(0, len(chunk), batch)]
    rng.shuffle(out)
    return out


def subsample(pack, train, k, seed):
    """Every pair with a stance and k `none` pairs for each (seeded), and the
    share of the `none` pairs kept: `correct` restores their prior."""
    pos = [i for i in train if pack.label[i] != 0]
    neg = [i for i in train if pack.label[i] == 0]
    if k <= 0 or not neg:
        return list(train), 1.0
    n = min(len(neg), round(k * len(pos)))
    keep = random.Random(seed + 1).sample(neg, n)
    return sorted(pos + keep), n / max(1, len(neg))


def correct(probs, kept):
    """Undo the subsampling of `none` pairs in the probabilities (Bayes: the
    odds of `none` scale by 1 / the share kept)."""
    if kept >= 1.0:
        return probs
    out = probs.copy()
    out[:, 0] /= kept
    return out / out.sum(1, keepdims=True)


def fit(pack, train, s, dev, seed):
    torch.manual_seed(seed)
    train, kept = subsample(pack, train, s.get("neg_per_pos", 0), seed)
    rng = random.Random(seed)
    m = new_model(pack, s["rules"], dev)
    m.kept = kept
    counts = np.bincount(pack.label[train], minlength=4).astype(np.float64)
    w = torch.tensor((counts.sum() / (4 * np.maximum(counts, 1))) ** 0.5, dtype=torch.float32, device=dev)
    params = [p for p in m.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=s["lr"], weight_decay=0.01)
    steps = s["epochs"] * math.ceil(len(train) / s["batch"])
    warm = max(1, steps // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda k: min((k + 1) / warm, max(0.0, (steps - k) / max(1, steps - warm))))
    amp = dev.type == "cuda"
    m.train()
    for _ in range(s["epochs"]):
        for idx in buckets(pack, train, s["batch"], rng):
            ids, types, mask, rules, y = pack.batch(idx, dev)
            with torch.autocast(dev.type, dtype=torch.bfloat16, enabled=amp):
                logits = m(ids, types, mask, rules)
            loss = F.cross_entropy(logits.float(), y, weight=w)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
    return m


@torch.no_grad()
def predict(m, pack, idx, dev, batch=128):
    m.eval()
    out = []
    # Longest first keeps the padding small; the order is restored after.
    order = sorted(idx, key=lambda i: -len(pack.ids[i]))
    for b in range(0, len(order), batch):
        ids, types, mask, rules, _ = pack.batch(order[b:b + batch], dev)
        out.append(F.softmax(m(ids, types, mask, rules).float(), -1).cpu().numpy())
    probs = np.concatenate(out) if out else np.zeros((0, 4))
    back = {i: r for i, r in zip(order, probs)}
    return correct(np.array([back[i] for i in idx]), getattr(m, "kept", 1.0))


def fp16_state(m):
    """The trained weights as written: every parameter but the frozen word embeddings."""
    return {k: v.detach().float().cpu().to(torch.float16)
            for k, v in m.state_dict().items() if k != WORD}


def save_weights(m, path, split):
    """fp16 safetensors; `split` writes the layers in two files (a and b) of under 16 MB."""
    from safetensors.torch import save_file
    st = {k: v.contiguous() for k, v in fp16_state(m).items()}
    if not split:
        save_file(st, path)
        return [path]
    half = len(m.encoder.layer) // 2
    first = lambda k: k.startswith("embeddings.") or any(k.startswith(f"encoder.layer.{i}.") for i in range(half))
    a = {k: v for k, v in st.items() if first(k)}
    b = {k: v for k, v in st.items() if not first(k)}
    pa, pb = path.replace(".safetensors", "-a.safetensors"), path.replace(".safetensors", "-b.safetensors")
    save_file(a, pa)
    save_file(b, pb)
    return [pa, pb]


def train(args):
    dev = torch.device(args.device if args.device != "auto" else ("cuda" if torch.cuda.is_available() else "cpu"))
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    pack = Pack(args.pack)
    n = len(pack.label)
    tuning = [i for i in range(n) if pack.fold[i] <= 2]
    held = [i for i in range(n) if pack.fold[i] >= 3]
    os.makedirs(args.out, exist_ok=True)
    report = {"device": str(dev), "torch": torch.__version__, "pairs": n,
              "tuning_pairs": len(tuning), "held_out_pairs": len(held), "runs": []}
    t_all = time.time()
    settings = json.load(open(args.settings)) if args.settings else \
        {"lr": 5e-5, "epochs": 4, "batch": 32, "rules": True, "none_cut": 0.5, "seed": 7}
    if args.neg_per_pos:
        settings = dict(settings, neg_per_pos=args.neg_per_pos)
    cuts = [0.3, 0.5, 0.7, 0.85]
    if args.search:
        grid = [dict(settings, lr=lr, epochs=ep, rules=ru)
                for lr in (3e-5, 6e-5) for ep in (3, 6) for ru in (True, False)]
        best = None
        for s in grid:
            t0 = time.time()
            gold, probs = [], []
            for f in range(3):
                tr = [i for i in tuning if pack.fold[i] != f]
                te = [i for i in tuning if pack.fold[i] == f]
                m = fit(pack, tr, s, dev, s["seed"])
                probs.append(predict(m, pack, te, dev))
                gold.append(pack.label[te])
            gold, probs = np.concatenate(gold), np.concatenate(probs)
            per_cut = {c: score(gold, decide(probs, c)) for c in cuts}
            c = max(cuts, key=lambda c: per_cut[c]["f1"])
            row = {"settings": {k: s[k] for k in ("lr", "epochs", "rules")}, "cv_f1_by_cut": {str(k): round(v["f1"], 3) for k, v in per_cut.items()},
                   "seconds": round(time.time() - t0, 1)}
            report["runs"].append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
            json.dump(report, open(os.path.join(args.out, "cross-report.json"), "w"), indent=1)
            if best is None or per_cut[c]["f1"] > best[0]:
                best = (per_cut[c]["f1"], dict(s, none_cut=c))
        settings = best[1]
        report["cv_f1"] = round(best[0], 3)
    report["settings"] = settings
    json.dump(settings, open(os.path.join(args.out, "cross-judge.json"), "w"), indent=1)

    # Folds 0-2 only: the honest figures on folds 3-4, scored once.
    t0 = time.time()
    m = fit(pack, tuning, settings, dev, settings["seed"])
    report["train_seconds_tuning"] = round(time.time() - t0, 1)
    files = save_weights(m, os.path.join(args.out, "cross-tuning.safetensors"), args.split)
    # Predict with the weights as written (fp16), in fp32, as vane reads them.
    m16 = new_model(pack, settings["rules"], dev)
    m16.load_state_dict({k: v.float() for k, v in fp16_state(m).items()}, strict=False)
    m16.kept = m.kept
    probs = predict(m16, pack, held, dev)
    report["held_out"] = score(pack.label[held], decide(probs, settings["none_cut"]))
    # For reading only: the cut is the one the settings name, never chosen here.
    report["held_out_f1_by_cut"] = {str(c): round(score(pack.label[held], decide(probs, c))["f1"], 3)
                                    for c in (0.3, 0.5, 0.7, 0.85, 0.95)}
    report["held_out_by_label"] = {
        LABELS[k]: score((pack.label[held] == k).astype(int), (decide(probs, settings["none_cut"]) == k).astype(int))
        for k in (1, 2, 3)}
    np.save(os.path.join(args.out, "held-probs.npy"), np.concatenate([np.array(held)[:, None], probs], 1))
    print("held out", json.dumps(report["held_out"]), file=sys.stderr, flush=True)
    json.dump(report, open(os.path.join(args.out, "cross-report.json"), "w"), indent=1)

    if args.curve:
        qs = sorted({pack.questions[i] for i in tuning})
        report["curve"] = {}
        for share in (0.25, 0.5, 0.75):
            f1s = []
            for draw in range(args.draws):
                pick = set(random.Random(100 + draw).sample(qs, round(len(qs) * share)))
                tr = [i for i in tuning if pack.questions[i] in pick]
                mm = fit(pack, tr, settings, dev, settings["seed"])
                f1s.append(score(pack.label[held], decide(predict(mm, pack, held, dev), settings["none_cut"]))["f1"])
            report["curve"][str(share)] = round(float(np.mean(f1s)), 3)
            print("curve", share, f1s, file=sys.stderr, flush=True)
        report["curve"]["1.0"] = round(report["held_out"]["f1"], 3)

    if not args.skip_all:
        m = fit(pack, list(range(n)), settings, dev, settings["seed"])
        files += save_weights(m, os.path.join(args.out, "cross.safetensors"), args.split)
    report["seconds"] = round(time.time() - t_all, 1)
    report["files"] = [os.path.basename(f) for f in files]
    json.dump(report, open(os.path.join(args.out, "cross-report.json"), "w"), indent=1)
    print(json.dumps({k: report[k] for k in ("settings", "held_out", "seconds")}), file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("prepare", help="tokenize the dumped pairs and pack them with the base weights")
    p.add_argument("--pairs", required=True, help="JSONL from `train_judge --dump`")
    p.add_argument("--model", required=True, help="the base model's directory")
    p.add_argument("--pack", required=True, help="the pack to write (.safetensors)")
    p.add_argument("--int8", action="store_true", help="store the base's matrices as int8 rows (a quarter of fp32)")
    p.add_argument("--max-tokens", type=int, default=MAX_TOKENS,
                   help=f"cut each pair to this many tokens (default {MAX_TOKENS}; shorter trains faster on a CPU)")
    t = sub.add_parser("train", help="train from a pack")
    t.add_argument("--pack", required=True)
    t.add_argument("--out", required=True, help="directory for the weights and cross-report.json")
    t.add_argument("--settings", help="a cross-judge.json to train with (default: built-in)")
    t.add_argument("--search", action="store_true", help="choose lr, epochs, rules features and the none cut by CV on folds 0-2")
    t.add_argument("--curve", action="store_true", help="held-out F1 at 25/50/75%% of the tuning questions")
    t.add_argument("--draws", type=int, default=1)
    t.add_argument("--split", action="store_true", help="write each model's weights in two files")
    t.add_argument("--skip-all", action="store_true", help="do not train the every-fold model")
    t.add_argument("--device", default="auto")
    t.add_argument("--neg-per-pos", type=float, default=0.0,
                   help="train on every pair with a stance and this many `none` pairs for each, drawn with a "
                        "fixed seed (0: all of them); the scoring always uses every pair of the folds scored")
    a = ap.parse_args()
    prepare(a) if a.cmd == "prepare" else train(a)


if __name__ == "__main__":
    main()
