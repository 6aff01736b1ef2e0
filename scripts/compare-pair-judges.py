#!/usr/bin/env python3
"""Compares judges of stance pair by pair on the held-out folds (3-4) of the
labelled corpus: the rules' own stance of the sentence, the frozen-encoder head
(`train_judge --oof-probs`: trained on folds 0-2), the fine-tuned cross-encoder
(`train-cross-judge.py train`: its held-probs.npy) and the mean of the two
learned ones' probabilities. A pair counts as found when the judge and the
annotators agree on support, oppose or neutral; each judge says `none` when its
p(none) reaches 0.5, the cut both are trained with (nothing is chosen here).
`decide` and `score` are train-cross-judge.py's, which this script does not
import (that would load PyTorch).

  python3 scripts/compare-pair-judges.py --gold data/labelled --pairs OUT/pairs.jsonl \
      --cross OUT/held-probs.npy --head HEAD-OOF.jsonl

Needs numpy (the training venv has it). Prints a Markdown table.
"""
import argparse
import collections
import csv
import json

import numpy as np

LABELS = ["none", "support", "oppose", "neutral"]
CUT = 0.5
KINDS = ("transcript", "official-prose", "news")


def decide(probs, cut):
    lab = probs[:, 1:].argmax(1) + 1
    lab[probs[:, 0] >= cut] = 0
    return lab


def score(gold, pred):
    tp = int(((gold == pred) & (gold != 0)).sum())
    fp = int(((pred != 0) & (gold != pred)).sum())
    fn = int(((gold != 0) & (gold != pred)).sum())
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", required=True, help="the labelled corpus the pairs were dumped from")
    ap.add_argument("--pairs", required=True, help="`train_judge --dump` output")
    ap.add_argument("--cross", required=True, help="held-probs.npy of train-cross-judge.py")
    ap.add_argument("--head", required=True, help="`train_judge --oof-probs` output")
    a = ap.parse_args()

    label, kind = {}, {}
    for r in csv.DictReader(open(f"{a.gold}/pairs.csv")):
        label[r["cid"]], kind[r["cid"]] = LABELS.index(r["label"]), r["doc_kind"]
    folds = {r["question"]: int(r["fold"]) for r in csv.DictReader(open(f"{a.gold}/folds.csv"))}
    # The dump's rows are the labelled candidates in candidates.jsonl's order.
    cids = [j["cid"] for j in map(json.loads, open(f"{a.gold}/tools/candidates.jsonl"))
            if j["cid"] in label and j["question"] in folds]
    dump = [json.loads(l) for l in open(a.pairs)]
    assert len(dump) == len(cids), (len(dump), len(cids))
    assert all(d["label"] == label[c] for d, c in zip(dump, cids))

    held = [i for i, d in enumerate(dump) if d["fold"] >= 3]
    cross = {int(r[0]): r[1:] for r in np.load(a.cross)}
    head = {j["cid"]: j["probs"] for j in map(json.loads, open(a.head)) if j["fold"] >= 3}
    # The rules' stance of the sentence (rule_features 3-5) as a one-hot.
    rules = np.zeros((len(held), 4))
    for row, i in enumerate(held):
        f = dump[i]["rules"]
        rules[row, 1 if f[3] else 2 if f[4] else 3 if f[5] else 0] = 1
    probs_head = np.array([head[cids[i]] for i in held])
    probs_cross = np.array([cross[i] for i in held])
    judges = {
        "rules (sentence stance)": rules,
        "frozen head (shipped settings)": probs_head,
        "cross-encoder": probs_cross,
        "mean of head and cross": (probs_head + probs_cross) / 2,
    }
    gold = np.array([label[cids[i]] for i in held])
    kinds = np.array([kind[cids[i]] for i in held])

    print("| judge | held-out P | R | F1 | transcript F1 | official prose F1 | news F1 | support F1 | oppose F1 |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, probs in judges.items():
        pred = decide(probs, CUT)
        p, r, f1 = score(gold, pred)
        by_kind = [score(gold[kinds == k], pred[kinds == k])[2] for k in KINDS]
        by_label = [score(np.where(gold == k, k, 0), np.where(pred == k, k, 0))[2] for k in (1, 2)]
        print(f"| {name} | {p:.3f} | {r:.3f} | {f1:.3f} | "
              + " | ".join(f"{x:.3f}" for x in by_kind + by_label) + " |")
    print("held-out pairs", len(held), "with a stance", int((gold != 0).sum()))
    print(collections.Counter(kinds.tolist()))


if __name__ == "__main__":
    main()
