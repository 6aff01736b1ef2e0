#!/usr/bin/env python3
"""Trains the pair judge (crates/vane-read/src/pair_judge.rs): a multinomial
logistic regression (not a point, support, oppose) over the features that
`pair_judge::candidate_features` gives each candidate the reader hands a
judge, labelled by whether a position of that stance there would match a
gold point of the labelled corpus.

Usage:
  vane ingest --record-candidates C.jsonl ...   (scripts/labelled.sh with
      VANE_ARGS="--record-candidates C.jsonl"; the rules decide as ever)
  python3 scripts/train-pair-judge.py --gold data/labelled --candidates C.jsonl \
      --positions out/labelled/positions.jsonl [--out crates/vane-read/data/pair-judge.tsv]

A candidate's label: the stance (support, oppose) with which a position of
its actor, evidence and dates would match a gold point (`scripts/folds.py`'s
test), else none. Candidates of question-document pairs the corpus did not
judge are left out. It trains on the tuning folds (0-2) only; the held-out
folds (3-4) are scored, never trained on. For each cut it reports, at the
level of positions (`folds.py`'s recall and precision; no line), the rules
alone and the rules with the judge's positions added where the rules found
none (the reader's `union` mode), by inner cross-validation on the tuning
folds (train on two, score the third) and on the held-out folds. The cut
written is the one with the best inner F1.

With `--model DIR` (the sentence encoder `scripts/setup-model.sh`
unpacks) it trains the pair judge with meaning instead
(crates/vane-model/src/pair.rs, `vane ingest --pair-judge --model DIR`):
the same features and the encoder's (`meaning_features` there, mirrored
here): it embeds the candidates' texts with the `embed_texts` example of
vane-model (built with `--features candle`; `--embed-bin` names a built
one), trains on the tuning folds, and chooses two cuts by inner
cross-validation: the probability of "not a point" under which the judge
adds a position where the rules found none, and the one from which it
drops a rules' position on the candidate (`--judge-mode vet`). The cuts
chosen give the best inner F1 whose precision is not under the rules'.
It writes the head (`--out`, safetensors) and its feature names and cuts
(the same name with `.json`). With `--align` as well it adds the alignment
features (`alignment_features` there, mirrored here): the token states
come from `scripts/minilm_tokens.py` (torch), cached beside the
embeddings; the Rust and Python features agree within 1e-4 (the
`align_pairs` example of vane-model prints Rust's for given pairs).

Needs numpy (and torch, safetensors and tokenizers for `--align`);
deterministic (full-batch gradient descent from zero).
"""

import argparse
import hashlib
import json
import math
import os
import struct
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import folds as F  # noqa: E402

CLASSES = ["none", "support", "oppose"]
CLASSES4 = CLASSES + ["neutral"]
CUTS = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6]


def softmax(s):
    m = max(s)
    e = [math.exp(v - m) for v in s]
    z = sum(e)
    return [v / z for v in e]


def matrix(rows, names):
    """The rows' features as a dense matrix over `names` (numpy)."""
    import numpy as np

    index = {k: i for i, k in enumerate(names)}
    x = np.zeros((len(rows), len(names)), dtype=np.float64)
    for i, r in enumerate(rows):
        for k, v in r["x"].items():
            j = index.get(k)
            if j is not None:
                x[i, j] = v
    return x


def train(rows, iterations=400, lr=0.5, l2=1e-4, classes=3):
    """Softmax regression by full-batch gradient descent (deterministic).
    With three classes a neutral candidate (label 3) counts as none."""
    import numpy as np

    names = sorted({k for r in rows for k in r["x"]})
    x = matrix(rows, names)
    y = np.zeros((len(rows), classes))
    y[np.arange(len(rows)), [r["y"] if r["y"] < classes else 0 for r in rows]] = 1.0
    w = np.zeros((len(names), classes))
    for _ in range(iterations):
        s = x @ w
        s -= s.max(axis=1, keepdims=True)
        p = np.exp(s)
        p /= p.sum(axis=1, keepdims=True)
        w -= lr * (x.T @ (p - y) / len(rows) + l2 * w)
    return {k: list(w[i]) for i, k in enumerate(names)}


def probs(w, x):
    return softmax([sum(w[k][c] * v for k, v in x.items() if k in w) for c in range(3)])


key = F.candidate_key


def overlaps(spans, p):
    """Whether any of `spans` overlaps the evidence of `p`."""
    return any(a < p["end"] and p["start"] < b for a, b in spans)


def cross_fit(tuning, held, fit, predict):
    """Each candidate with its probabilities from a judge that never saw its
    question: inner (trained on two tuning folds, scored on the third) and
    outer (trained on the tuning folds, scored on the held-out ones); the
    outer judge's weights beside them."""
    inner = []
    for k in range(3):
        w = fit([r for r in tuning if r["fold"] != k])
        part = [r for r in tuning if r["fold"] == k]
        inner += list(zip(part, predict(w, part)))
    w = fit(tuning)
    return inner, list(zip(held, predict(w, held))), w


def scorer(folds, points, coverage, rules, ruled):
    """Positions as `folds.py` counts them on the tuning or the held-out
    folds: the rules', less those the judge vetoes (p(none) from `veto` on a
    candidate of theirs), with the judge's added where the rules found none
    (p(none) under `add`); a candidate the screen leaves to the rules
    (`r["screen"]` from `screen`) is neither. Gives recall, precision, F1,
    the number added and the number dropped."""
    def score(scored, add, veto, part, screen=1.01):
        keep = (lambda q: folds.get(q, 0) < 3) if part == "tuning" else (lambda q: folds.get(q, 0) >= 3)
        dropped = defaultdict(list)
        added = []
        for r, p in scored:
            c = r["c"]
            # As the reader's screen: a candidate of the rules' is always read.
            if not r["ruled"] and r.get("screen", 0.0) >= screen:
                continue
            if r["ruled"]:
                if veto is not None and p[0] >= veto:
                    dropped[key(c)[:3]].append((c["start"], c["end"]))
            elif add is not None and p[0] < add:
                added.append(dict(c, stance=CLASSES4[1 + max(range(len(p) - 1), key=lambda i: p[1 + i])]))
        kept = [p for p in rules if not overlaps(dropped.get(key(p)[:3], ()), p)]
        s = F.score(points, kept + added, coverage, [], keep)
        return s["recall"], s["precision"], s["f1"], len(added), len(rules) - len(kept)
    return score


COS_CUTS = [0.3, 0.4, 0.5, 0.6, 0.7]
DIM = 384


def shape_of(features):
    """The proposition's shape as the recorded features name it."""
    for k in features:
        if k.startswith("bias@"):
            return k[len("bias@"):]
    return "action"


def meaning_features(p, s, prev, asked, shape):
    """Mirrors vane_model::pair::meaning_features."""
    cs, cp, ca = float(p @ s), float(p @ prev), float(p @ asked)
    cm = max(cs, cp, ca)
    scalars = [("cos_s", cs), ("cos_p", cp), ("cos_a", ca), ("cos_max", cm)]
    for cut in COS_CUTS:
        scalars.append((f"cos_s>={cut}", 1.0 if cs >= cut else 0.0))
        scalars.append((f"cos_max>={cut}", 1.0 if cm >= cut else 0.0))
    out = {}
    for k, v in scalars:
        out[f"{k}@{shape}"] = v
        out[k] = v
    for name, other in (("uv", s), ("uw", prev), ("ua", asked)):
        for i, v in enumerate(p * other):
            out[f"{name}{i}"] = float(v)
    for i, v in enumerate(s):
        out[f"v{i}"] = float(v)
    return out


ALIGN_CUTS = [0.5, 0.6, 0.7, 0.8]


def stop_words():
    """The lexicon's class `stop` (crates/vane-read/data/lexicon.toml)."""
    import tomllib

    path = Path(__file__).resolve().parent.parent / "crates/vane-read/data/lexicon.toml"
    return set(tomllib.loads(path.read_text(encoding="utf-8"))["class"]["stop"]["words"])


def content_piece(piece, stop):
    """Mirrors vane_model::pair::content_piece."""
    return piece.startswith("##") or (any(ch.isalnum() for ch in piece) and piece not in stop)


def alignment_features(p, texts, shape, name, stop):
    """Mirrors vane_model::pair::alignment_features: `p` and each of `texts`
    are (rows, pieces) token states (rows of unit length)."""
    import numpy as np

    rows, pieces = p
    keep = [i for i, w in enumerate(pieces) if content_piece(w, stop)]
    others = [t[0] for t in texts if len(t[0])]
    if not keep or not others:
        return {}
    best = np.sort((rows[keep].astype(np.float32) @ np.concatenate(others).astype(np.float32).T).max(1))
    n = len(best)
    scalars = [("mean", float(best.mean())), ("min", float(best[0])), ("min2", float(best[min(1, n - 1)])),
               ("q25", float(np.quantile(best, 0.25)))]
    for cut in ALIGN_CUTS:
        scalars.append((f"frac>={cut}", float((best >= cut).mean())))
    out = {}
    for k, v in scalars:
        out[f"{name}_{k}"] = v
        out[f"{name}_{k}@{shape}"] = v
    return out


def encoder_of(model):
    """The encoder a head is trained on, as its metadata names it: the
    model folder's name, its layers and width (config.json)."""
    if model is None:
        return None
    config = json.loads((Path(model) / "config.json").read_text(encoding="utf-8"))
    names = {"all-minilm-l6-v2": "all-MiniLM-L6-v2", "paraphrase-minilm-l3-v2": "paraphrase-MiniLM-L3-v2"}
    name = Path(model).resolve().name
    return {"name": names.get(name, name), "layers": config["num_hidden_layers"],
            "hidden": config["hidden_size"]}


def cache_key(texts, model):
    """A digest of the texts and of the encoder that reads them (its config
    and the size of its weights), so that two bases never share a cache."""
    h = hashlib.sha256("\n".join(texts).encode("utf-8"))
    h.update((Path(model) / "config.json").read_bytes())
    h.update(str((Path(model) / "model.safetensors").stat().st_size).encode())
    return h.hexdigest()[:16]


def token_states(texts, model, cache_dir):
    """The texts' token states ((rows, pieces) each) by scripts/minilm_tokens.py,
    cached by the texts' and the encoder's digest."""
    import pickle

    digest = cache_key(texts, model)
    out = Path(cache_dir) / f"tokens-{digest}.pkl"
    if not out.is_file():
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import minilm_tokens

        minilm_tokens.load(model)
        states = minilm_tokens.token_embeddings(texts)
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(str(out) + ".part", "wb") as f:
            pickle.dump(states, f)
        os.replace(str(out) + ".part", out)
    with open(out, "rb") as f:
        return pickle.load(f)


def embed(texts, model, embed_bin, cache_dir):
    """The unit embeddings of `texts` (numpy rows), by the encoder vane runs,
    cached by the texts' and the encoder's digest."""
    import numpy as np

    digest = cache_key(texts, model)
    out = Path(cache_dir) / f"embeddings-{digest}.f32"
    if not out.is_file():
        out.parent.mkdir(parents=True, exist_ok=True)
        if embed_bin is None:
            root = Path(__file__).resolve().parent.parent
            subprocess.run(["cargo", "build", "--release", "-q", "-p", "vane-model", "--features",
                            "candle", "--example", "embed_texts"], cwd=root, check=True)
            target = os.environ.get("CARGO_TARGET_DIR", str(root / "target"))
            embed_bin = str(Path(target) / "release" / "examples" / "embed_texts")
        body = "\n".join(t.replace("\n", " ") for t in texts) + "\n"
        tmp = str(out) + ".part"
        subprocess.run([embed_bin, model, tmp], input=body.encode("utf-8"), check=True)
        os.replace(tmp, out)
    e = np.fromfile(out, dtype="<f4")
    return e.reshape(len(texts), DIM)


def read_weights(path):
    """A pair judge's weights file, as `PairJudge::parse` reads it."""
    w = {}
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        w[f[0]] = [float(v) for v in f[1:4]]
    return w


def save_head(path, w, names, none_cut, veto_cut, screen_cut, about, encoder=None):
    """Writes the softmax regression as the `Head` vane-model reads
    (safetensors: mean, scale, w2, b2; the four labels) and
    its metadata beside it (`.json`), with the encoder it was trained on
    (vane refuses the head with another)."""
    import numpy as np

    d = len(names)
    w2 = np.zeros((d, 4), dtype="<f4")
    b2 = np.zeros(4, dtype="<f4")
    for i, k in enumerate(names):
        w2[i, :] = w[k]
    tensors = {"mean": np.zeros(d, dtype="<f4"), "scale": np.ones(d, dtype="<f4"), "w2": w2, "b2": b2}
    header, blobs, offset = {}, [], 0
    for k, t in tensors.items():
        b = t.tobytes()
        header[k] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))
    meta = {"encoder": encoder, "about": about, "features": names, "none_cut": round(none_cut, 2),
            "veto_cut": None if veto_cut is None else round(veto_cut, 2),
            "screen_cut": min(round(screen_cut, 3), 1.0)}
    Path(path).with_suffix(".json").write_text(json.dumps(meta, indent=0) + "\n", encoding="utf-8")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", required=True)
    ap.add_argument("--candidates", required=True)
    ap.add_argument("--positions", required=True)
    ap.add_argument("--out")
    ap.add_argument("--iterations", type=int, default=400)
    ap.add_argument("--model", help="the sentence encoder's folder: train the pair judge with meaning")
    ap.add_argument("--embed-bin", help="a built embed_texts example (default: cargo builds it)")
    ap.add_argument("--cache", default=os.path.expanduser("~/.cache/weathervane/train"),
                    help="where the candidates' embeddings are kept between runs")
    ap.add_argument("--align", action="store_true",
                    help="with --model: add the alignment features (token states by "
                         "scripts/minilm_tokens.py, which needs torch)")
    ap.add_argument("--curve", action="store_true",
                    help="with --model: held-out figures against the share of tuning questions trained on")
    ap.add_argument("--pair-weights", default=str(Path(__file__).resolve().parent.parent
                                                  / "crates/vane-read/data/pair-judge.tsv"),
                    help="the pair judge whose screen the judge with meaning sits behind")
    args = ap.parse_args()
    meta, folds, points, coverage = F.load(args.gold)
    by_q = defaultdict(list)
    for p in points:
        by_q[p["question"]].append(p)
    rules = [json.loads(line) for line in open(args.positions, encoding="utf-8")]
    # The rules' positions by question, actor and document: a candidate is
    # the rules' where one of them overlaps its evidence (a position's
    # evidence may be narrower than its statement's).
    ruled = defaultdict(list)
    for p in rules:
        ruled[key(p)[:3]].append((p["start"], p["end"]))
    rows = []
    for c in F.recorded_candidates(args.candidates, folds, coverage):
        got = F.gold_point(c, by_q)
        y = 0 if got is None else F.STANCES.index(got[0]) + 1
        rows.append({"fold": folds[c["question"]], "y": y, "x": c["features"], "c": c,
                     "ruled": overlaps(ruled[key(c)[:3]], c)})
    tuning = [r for r in rows if r["fold"] < 3]
    held = [r for r in rows if r["fold"] >= 3]
    print(f"{len(rows)} candidates of judged pairs ({len(tuning)} tuning, {len(held)} held-out); "
          f"labelled a point: {sum(r['y'] > 0 for r in tuning)} tuning", file=sys.stderr)
    full = scorer(folds, points, coverage, rules, ruled)
    if args.model:
        return meaning(args, meta, ruled, full, tuning, held)
    inner, outer, w = cross_fit(tuning, held, lambda part: train(part, iterations=args.iterations),
                                lambda w, part: [probs(w, r["x"]) for r in part])

    def score(scored, none_cut, part):
        return full(scored, none_cut, None, part)[:4]

    def fmt(t):
        return f"{t[0]:.3f} / {t[1]:.3f} / {t[2]:.3f} (+{t[3]})"

    print("| judge | none cut | inner tuning R / P / F1 (added) | held-out R / P / F1 (added) |")
    print("| --- | --- | --- | --- |")
    print(f"| rules | | {fmt(score(inner, None, 'tuning'))} | {fmt(score(outer, None, 'held-out'))} |")
    best = (score(inner, None, "tuning")[2], 0.0)
    for cut in CUTS:
        none_cut = 1.0 - cut
        s_in = score(inner, none_cut, "tuning")
        print(f"| rules, then judge | {none_cut:.2f} | {fmt(s_in)} | {fmt(score(outer, none_cut, 'held-out'))} |")
        if s_in[2] > best[0]:
            best = (s_in[2], none_cut)
    print(f"\nchosen none_cut {best[1]:.2f} (inner F1 {best[0]:.3f}; 0 adds nothing)")
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(
                "# The pair judge's weights (crates/vane-read/src/pair_judge.rs): feature,\n"
                "# then the weight for not a point, support, oppose. Written by\n"
                "# scripts/train-pair-judge.py from the labelled corpus's tuning folds (0-2):\n"
                f"# {len(tuning)} candidates, {args.iterations} iterations of gradient descent.\n"
            )
            f.write(f"#! none_cut {best[1]:.2f}\n")
            for k in sorted(w):
                if any(abs(v) >= 1e-4 for v in w[k]):
                    f.write(k + "\t" + "\t".join(f"{v:.4f}" for v in w[k]) + "\n")


def meaning(args, meta, ruled, score, tuning, held):
    """The pair judge with meaning: see the module's doc. `ruled` holds the
    rules' evidence by question, actor and document; `score` is `scorer`'s."""
    import numpy as np

    rows = tuning + held
    pair = read_weights(args.pair_weights)
    for r in rows:
        r["screen"] = 0.0 if r["ruled"] else probs(pair, r["x"])[0]
    # The share of all recorded candidates each screen leaves to the rules
    # (what a read of the whole corpus then never embeds).
    screens = [1.01, 0.99, 0.98, 0.97, 0.95, 0.9, 0.8, 0.7]
    out_of = [0] * len(screens)
    total = 0
    for line in open(args.candidates, encoding="utf-8"):
        try:
            c = json.loads(line)
        except json.JSONDecodeError:
            continue
        p0 = 0.0 if overlaps(ruled.get(key(c)[:3], ()), c) else probs(pair, c["features"])[0]
        total += 1
        for i, t in enumerate(screens):
            out_of[i] += p0 >= t
    texts = sorted({t for r in rows for t in (r["c"]["sentence"], r["c"]["previous"], r["c"]["asked"],
                                               meta[r["c"]["question"]]["proposition"]) if t})
    print(f"embedding {len(texts)} texts", file=sys.stderr)
    e = embed(texts, args.model, args.embed_bin, args.cache)
    index = {t: i for i, t in enumerate(texts)}
    zero = np.zeros(DIM, dtype=np.float32)

    def vec(t):
        return e[index[t]] if t else zero

    if args.align:
        print(f"token states of {len(texts)} texts", file=sys.stderr)
        states = token_states(texts, args.model, args.cache)
        stop = stop_words()
        none = (np.zeros((0, DIM), dtype=np.float16), [])

        def tok(t):
            return states[index[t]] if t else none

    for r in rows:
        c = r["c"]
        x = dict(c["features"])
        prop, shape = meta[c["question"]]["proposition"], shape_of(c["features"])
        x.update(meaning_features(vec(prop), vec(c["sentence"]),
                                  vec(c["previous"]), vec(c["asked"]), shape))
        if args.align:
            x.update(alignment_features(tok(prop), [tok(c["sentence"])], shape, "al_s", stop))
            x.update(alignment_features(tok(prop), [tok(c["sentence"]), tok(c["previous"]), tok(c["asked"])],
                                        shape, "al_c", stop))
        r["x"] = x

    def predict(w, part):
        names = list(w)
        p = matrix(part, names) @ np.array([w[k] for k in names])
        p -= p.max(axis=1, keepdims=True)
        p = np.exp(p)
        return p / p.sum(axis=1, keepdims=True)

    inner, outer, w = cross_fit(tuning, held,
                                lambda part: train(part, iterations=args.iterations, classes=4), predict)

    def fmt(t):
        return f"{t[0]:.3f} / {t[1]:.3f} / {t[2]:.3f} (+{t[3]} -{t[4]})"

    base = score(inner, None, None, "tuning")
    print("| judge | add under | veto from | inner tuning R / P / F1 (+added -dropped) | held-out |")
    print("| --- | --- | --- | --- | --- |")
    print(f"| rules | | | {fmt(base)} | {fmt(score(outer, None, None, 'held-out'))} |")
    best = (base[2], None, None)
    for veto in (None, 0.97, 0.95, 0.93, 0.9):
        for add in (None, 0.8, 0.7, 0.6, 0.5):
            s_in = score(inner, add, veto, "tuning")
            print(f"| meaning | {add or ''} | {veto or ''} | {fmt(s_in)} | "
                  f"{fmt(score(outer, add, veto, 'held-out'))} |", flush=True)
            if s_in[2] > best[0] and s_in[1] >= base[1]:
                best = (s_in[2], add, veto)
    print(f"\nchosen: add under {best[1]}, veto from {best[2]} (inner F1 {best[0]:.3f}, "
          f"precision not under the rules')")
    # The screen (a candidate the rules found nothing in, which the pair
    # judge alone finds not a point with at least this probability, is left
    # to the rules and never embedded): the strictest that costs at most
    # .002 of inner F1.
    print("\n| screen (pair judge's p(none) from) | recorded candidates left to the rules | inner tuning | held-out |")
    print("| --- | --- | --- | --- |")
    screen = 1.01
    for t, n in zip(screens, out_of):
        s_in = score(inner, best[1], best[2], "tuning", t)
        s_out = score(outer, best[1], best[2], "held-out", t)
        print(f"| {t if t <= 1 else 'none'} | {n} of {total} ({n / max(total, 1):.1%}) | {fmt(s_in)} | {fmt(s_out)} |")
        if s_in[2] >= best[0] - 0.002:
            screen = t
    if best[1] is None:
        # A judge that adds nothing needs to read only the candidates the
        # rules found a position in (the ones it may veto): screen out all
        # others, so that a read embeds only theirs.
        screen = 0.0
    print(f"\nchosen screen: {screen if screen <= 1 else 'none'}")
    if args.curve:
        # Held-out figures against the share of the tuning folds' questions
        # trained on (the chosen cuts and screen; three seeded draws each).
        import random

        print("\n| share of tuning questions | questions | candidates | held-out R / P / F1 (mean of 3 draws) |")
        print("| --- | --- | --- | --- |")
        qs = sorted({r["c"]["question"] for r in tuning})
        for share in (0.25, 0.5, 0.75, 1.0):
            got, sizes = [], []
            for seed in range(3 if share < 1 else 1):
                pick = set(random.Random(seed).sample(qs, max(1, int(len(qs) * share))))
                part = [r for r in tuning if r["c"]["question"] in pick]
                wk = train(part, iterations=args.iterations, classes=4)
                got.append(score(list(zip(held, predict(wk, held))), best[1], best[2], "held-out", screen))
                sizes.append(len(part))
            m = [sum(g[i] for g in got) / len(got) for i in range(3)]
            print(f"| {share:.0%} | {int(len(qs) * share)} | {sum(sizes) // len(sizes)} | "
                  f"{m[0]:.3f} / {m[1]:.3f} / {m[2]:.3f} |", flush=True)
    if args.out:
        names = sorted(w)
        about = (f"scripts/train-pair-judge.py --model{' --align' if args.align else ''}: "
                 f"{len(tuning)} candidates of the labelled "
                 f"corpus's tuning folds (0-2), {args.iterations} iterations")
        save_head(args.out, w, names, best[1] if best[1] is not None else 0.0, best[2], screen, about,
                  encoder_of(args.model))


if __name__ == "__main__":
    main()
