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

Needs numpy; deterministic (full-batch gradient descent from zero).
"""

import argparse
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import folds as F  # noqa: E402

CLASSES = ["none", "support", "oppose"]
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


def train(rows, iterations=400, lr=0.5, l2=1e-4):
    """Softmax regression by full-batch gradient descent (deterministic)."""
    import numpy as np

    names = sorted({k for r in rows for k in r["x"]})
    x = matrix(rows, names)
    y = np.zeros((len(rows), 3))
    y[np.arange(len(rows)), [r["y"] for r in rows]] = 1.0
    w = np.zeros((len(names), 3))
    for _ in range(iterations):
        s = x @ w
        s -= s.max(axis=1, keepdims=True)
        p = np.exp(s)
        p /= p.sum(axis=1, keepdims=True)
        w -= lr * (x.T @ (p - y) / len(rows) + l2 * w)
    return {k: list(w[i]) for i, k in enumerate(names)}


def probs(w, x):
    return softmax([sum(w[k][c] * v for k, v in x.items() if k in w) for c in range(3)])


def key(p):
    return (p["question"], F.norm(p["actor"]), p["document"], p["start"], p["end"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", required=True)
    ap.add_argument("--candidates", required=True)
    ap.add_argument("--positions", required=True)
    ap.add_argument("--out")
    ap.add_argument("--iterations", type=int, default=400)
    args = ap.parse_args()
    meta, folds, points, coverage = F.load(args.gold)
    covered = defaultdict(list)
    for q, f in coverage:
        covered[q].append(f)
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
    rows, seen = [], set()
    for line in open(args.candidates, encoding="utf-8"):
        try:
            c = json.loads(line)
        except json.JSONDecodeError:
            continue
        k = key(c)
        if k in seen:
            continue
        seen.add(k)
        doc = next((f for f in covered[c["question"]] if F.suffix(c["document"], f)), None)
        if doc is None or c["question"] not in folds:
            continue
        y = 0
        for s in (1, 2):
            pseudo = dict(c, stance=CLASSES[s])
            if any(F.match(p, pseudo) for p in by_q.get(c["question"], ())):
                y = s
                break
        rows.append({"fold": folds[c["question"]], "y": y, "x": c["features"], "c": c,
                     "ruled": any(a < c["end"] and c["start"] < b for a, b in ruled[k[:3]])})
    tuning = [r for r in rows if r["fold"] < 3]
    held = [r for r in rows if r["fold"] >= 3]
    print(f"{len(rows)} candidates of judged pairs ({len(tuning)} tuning, {len(held)} held-out); "
          f"labelled a point: {sum(r['y'] > 0 for r in tuning)} tuning", file=sys.stderr)
    inner = []
    for k in range(3):
        w = train([r for r in tuning if r["fold"] != k], iterations=args.iterations)
        inner += [(r, probs(w, r["x"])) for r in tuning if r["fold"] == k]
    w = train(tuning, iterations=args.iterations)
    outer = [(r, probs(w, r["x"])) for r in held]

    def score(scored, none_cut, part):
        keep = (lambda q: folds.get(q, 0) < 3) if part == "tuning" else (lambda q: folds.get(q, 0) >= 3)
        added = []
        if none_cut is not None:
            for r, p in scored:
                if r["ruled"] or p[0] >= none_cut:
                    continue
                added.append(dict(r["c"], stance="support" if p[1] >= p[2] else "oppose"))
        s = F.score(points, rules + added, coverage, [], keep)
        return s["recall"], s["precision"], s["f1"], len(added)

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


if __name__ == "__main__":
    main()
