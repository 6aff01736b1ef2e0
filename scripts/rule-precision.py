#!/usr/bin/env python3
"""Precision of each reading rule on the labelled corpus, in-fold beside
held-out: for every rule id a position records (`rules`, see `vane explain`),
how many of the positions it took part in match a gold point.

Usage:
  python3 scripts/rule-precision.py --gold data/labelled --positions P.jsonl [--top N]

Only positions in covered (question, document) pairs count, as in
scripts/folds.py, whose matching this uses. The held-out columns are counts
only: read errors on the tuning folds (scripts/false-positions.py --show).
"""
import argparse
import collections
import json

import folds as F  # scripts/folds.py, beside this script

ap = argparse.ArgumentParser()
ap.add_argument("--gold", required=True)
ap.add_argument("--positions", required=True)
ap.add_argument("--top", type=int, default=40, help="rules shown, most used first")
a = ap.parse_args()

meta, folds, points, coverage = F.load(a.gold)
by_q = collections.defaultdict(list)
for p in points:
    by_q[p["question"]].append(p)
covered = {(q, f[len("docs/"):] if f.startswith("docs/") else f) for q, f in coverage}
# rule -> part -> [right, all]
counts = collections.defaultdict(lambda: {"tuning": [0, 0], "held-out": [0, 0]})
for line in open(a.positions, encoding="utf-8"):
    if not line.strip():
        continue
    x = json.loads(line)
    if (x["question"], x["document"]) not in covered:
        continue
    part = "tuning" if folds.get(x["question"], 0) in F.TUNING else "held-out"
    ok = any(F.match(g, x) for g in by_q[x["question"]])
    rules = x.get("rules") or ""
    for r in {r for r in rules.split(",") if r} | {"(all)"}:
        counts[r][part][0] += ok
        counts[r][part][1] += 1


def cell(c):
    right, n = c
    return f"{right}/{n} ({right / n:.2f})" if n else "-"


rows = sorted(counts.items(), key=lambda kv: -(kv[1]["tuning"][1] + kv[1]["held-out"][1]))
print("| rule | tuning folds (0-2) | held-out folds (3-4) |")
print("| --- | --- | --- |")
for r, c in rows[: a.top]:
    print(f"| {r} | {cell(c['tuning'])} | {cell(c['held-out'])} |")
