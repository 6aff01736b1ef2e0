#!/usr/bin/env python3
"""Compares judges of stance pair by pair on the held-out folds (3-4) of the
labelled corpus: the rules' own stance of the sentence, the frozen-encoder head
(`train_judge --oof-probs`: trained on folds 0-2), the fine-tuned cross-encoder
(`train-cross-judge.py train`: its held-probs.npy) and the mean of the two
learned ones' probabilities. A pair counts as found when the judge and the
annotators agree on support, oppose or neutral; each judge says `none` when its
p(none) reaches 0.5, the cut both are trained with (nothing is chosen here).
`decide` and `score` are train-cross-judge.py's (`scripts/pair_scores.py`).

  python3 scripts/compare-pair-judges.py --gold data/labelled --pairs OUT/pairs.jsonl \
      --cross OUT/held-probs.npy --head HEAD-OOF.jsonl \
      [--candidates C.jsonl --positions P.jsonl --score-gold G]

With --candidates (a read's `vane ingest --record-candidates`) and --positions
(the same read's rules' positions), it also scores each judge at the level of
positions, by `scripts/train-pair-judge.py`'s simulation of the reader's
modes: `union` (the judge's position where the rules found none and its
p(none) is under 0.5) and `vet` (the same, and the rules' position dropped
where its p(none) reaches 0.5). A recorded candidate takes the probabilities
of the judged pair its evidence overlaps most (same question and document);
one that overlaps none is left to the rules, and the table says how many
those are, since a real read would judge them too. Recall, precision and F1
as `scripts/folds.py` counts them on --score-gold (default --gold), over the
questions the judges have probabilities for; no line (the reader's lines are
not simulated). --sweep adds stricter cuts; --gate simulates the reader's
gate mode instead (the judge admits only candidates the rules read a cue in,
with the rules' stance). The head's tuning-fold figures are out of fold; the
cross-encoder has held-out figures only.

Needs numpy (the training venv has it). Prints Markdown tables.
"""
import argparse
import collections
import csv
import importlib.util
import json
import sys
from pathlib import Path

import numpy as np

from pair_scores import decide, score

LABELS = ["none", "support", "oppose", "neutral"]
CUT = 0.5
SWEEP = [(CUT, None), (CUT, CUT)]
# --sweep: each add cut, with no veto and two strict ones (a choice among them
# is made on the tuning folds, where only the head has probabilities).
SWEEPS = [(add, veto) for veto in (None, 0.95, 0.99) for add in (0.5, 0.3, 0.2, 0.1, 0.05, 0.02)]
KINDS = ("transcript", "official-prose", "news")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", required=True, help="the labelled corpus the pairs were dumped from")
    ap.add_argument("--pairs", required=True, help="`train_judge --dump` output")
    ap.add_argument("--cross", required=True, help="held-probs.npy of train-cross-judge.py")
    ap.add_argument("--head", required=True, help="`train_judge --oof-probs` output")
    ap.add_argument("--candidates", help="a read's recorded candidates: score positions too")
    ap.add_argument("--positions", help="the same read's positions (the rules')")
    ap.add_argument("--score-gold", help="the labelled corpus the read read (default: --gold)")
    ap.add_argument("--sweep", action="store_true", help="positions: more add and veto cuts")
    ap.add_argument("--gate", action="store_true",
                    help="positions: the judge only admits candidates the rules read a cue in, "
                         "with the rules' stance (the reader's gate mode)")
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
        s = score(gold, pred)
        p, r, f1 = s["p"], s["r"], s["f1"]
        by_kind = [score(gold[kinds == k], pred[kinds == k])["f1"] for k in KINDS]
        by_label = [score(np.where(gold == k, k, 0), np.where(pred == k, k, 0))["f1"] for k in (1, 2)]
        print(f"| {name} | {p:.3f} | {r:.3f} | {f1:.3f} | "
              + " | ".join(f"{x:.3f}" for x in by_kind + by_label) + " |")
    print("held-out pairs", len(held), "with a stance", int((gold != 0).sum()))
    print(collections.Counter(kinds.tolist()))
    if a.candidates and a.positions:
        everyone = {j["cid"]: np.array(j["probs"]) for j in map(json.loads, open(a.head))}
        judged = [(j["cid"], j["question"], j["file"], j["start"], j["end"])
                  for j in map(json.loads, open(f"{a.gold}/tools/candidates.jsonl")) if j["cid"] in everyone]
        cross_by_cid = {cids[i]: cross[i] for i in held}
        positions(a, judged, {
            "frozen head": everyone,
            "cross-encoder": cross_by_cid,
            "mean of head and cross": {c: (everyone[c] + p) / 2 for c, p in cross_by_cid.items()},
        })


def gated(p, cue):
    """The judge's p(none), the rest on the rules' cue (1 support, 2 oppose)."""
    out = np.zeros(4)
    out[0], out[cue or 1] = p[0], 1 - p[0]
    return out


def positions(a, judged, judges):
    """The position-level table: see the module's doc."""
    here = Path(__file__).resolve().parent
    sys.path.insert(0, str(here))
    spec = importlib.util.spec_from_file_location("tpj", here / "train-pair-judge.py")
    tpj = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tpj)
    F = tpj.F
    meta, folds, points, coverage = F.load(a.score_gold or a.gold)
    asked = {q for _, q, _, _, _ in judged}
    points = [p for p in points if p["question"] in asked]
    coverage = [(q, f) for q, f in coverage if q in asked]
    covered = collections.defaultdict(list)
    for q, f in coverage:
        covered[q].append(f)
    spans = collections.defaultdict(list)
    for cid, q, f, s, e in judged:
        spans[q, f].append((s, e, cid))
    rules = [p for p in map(json.loads, open(a.positions, encoding="utf-8")) if p.get("question") in asked]
    ruled = collections.defaultdict(list)
    for p in rules:
        ruled[tpj.key(p)[:3]].append((p["start"], p["end"]))
    rows, seen, unjudged = [], set(), collections.Counter()
    for line in open(a.candidates, encoding="utf-8"):
        c = json.loads(line)
        k = tpj.key(c)
        if c["question"] not in asked or k in seen:
            continue
        seen.add(k)
        doc = next((f for f in covered[c["question"]] if F.suffix(c["document"], f)), None)
        if doc is None:
            continue
        best = max(((min(e, c["end"]) - max(s, c["start"]), cid) for s, e, cid in spans[c["question"], doc]),
                   default=(0, None))
        part = "tuning" if folds[c["question"]] < 3 else "held-out"
        if best[0] <= 0:
            unjudged[part] += 1
            continue
        r = {"c": c, "ruled": tpj.overlaps(ruled[k[:3]], c)}
        cue = 1 if "cue_Support" in c["features"] else 2 if "cue_Oppose" in c["features"] else 0
        if a.gate and not r["ruled"] and not cue:
            continue
        rows.append((r, best[1], part, cue))
    full = tpj.scorer(folds, points, coverage, rules, ruled)
    n = collections.Counter(part for _, _, part, _ in rows)
    which = " the gate admits" if a.gate else ""
    print(f"\nrecorded candidates in judged documents: tuning {n['tuning']}{which} with a judged pair, "
          f"{unjudged['tuning']} without; held-out {n['held-out']}{which} with, {unjudged['held-out']} without")

    def fmt(t):
        return f"{t[0]:.3f} / {t[1]:.3f} / {t[2]:.3f} (+{t[3]} -{t[4]})"

    print("\n| judge | mode | tuning R / P / F1 (+added -dropped) | held-out R / P / F1 (+added -dropped) |")
    print("| --- | --- | --- | --- |")
    print(f"| rules | | {fmt(full([], None, None, 'tuning'))} | {fmt(full([], None, None, 'held-out'))} |")
    for name, probs in judges.items():
        for add, veto in SWEEPS if a.sweep else SWEEP:
            got = []
            for part in ("tuning", "held-out"):
                scored = [(r, gated(probs[cid], cue) if a.gate else probs[cid])
                          for r, cid, p, cue in rows if p == part and cid in probs]
                got.append(fmt(full(scored, add, veto, part)) if scored else "")
            print(f"| {name} | add under {add}, veto from {veto} | {got[0]} | {got[1]} |", flush=True)


if __name__ == "__main__":
    main()
