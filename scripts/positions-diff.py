#!/usr/bin/env python3
"""The positions two reads of the labelled corpus disagree on, in covered
(question, document) pairs of one fold group, each marked right (+) or wrong
(-) against the gold: what a reading change added and removed.

Usage:
  python3 scripts/positions-diff.py --gold data/labelled --before A.jsonl --after B.jsonl \
      [--part tuning|held-out] [--limit N]

Positions are keyed by question, actor, document, start and stance. For the
held-out folds only the counts are printed: their sentences are not read.
"""
import argparse
import json

import folds as F  # scripts/folds.py, beside this script

ap = argparse.ArgumentParser()
ap.add_argument("--gold", required=True)
ap.add_argument("--before", required=True)
ap.add_argument("--after", required=True)
ap.add_argument("--part", default="tuning", choices=["tuning", "held-out"])
ap.add_argument("--limit", type=int, default=30)
a = ap.parse_args()

meta, folds, points, coverage = F.load(a.gold)
covered = {(q, f[len("docs/"):] if f.startswith("docs/") else f) for q, f in coverage}


def load(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        if line.strip():
            x = json.loads(line)
            in_part = (folds.get(x["question"], 0) in F.TUNING) == (a.part == "tuning")
            if in_part and (x["question"], x["document"]) in covered:
                out[(x["question"], x["actor"], x["document"], x["start"], x["stance"])] = x
    return out


before, after = load(a.before), load(a.after)
for name, mine, other in (("removed", before, after), ("added", after, before)):
    keys = [k for k in mine if k not in other]
    right = sum(any(F.match(g, mine[k]) for g in points if g["question"] == k[0]) for k in keys)
    print(f"## {name}: {len(keys)} positions, {right} right")
    if a.part != "tuning":
        continue
    for k in keys[: a.limit]:
        x = mine[k]
        ok = "+" if any(F.match(g, x) for g in points if g["question"] == k[0]) else "-"
        text = " ".join(x["text"].split())[:160]
        print(f"  {ok} {k[0]} | {k[1]} | {k[4]} | {k[2][:60]} | {text}")
