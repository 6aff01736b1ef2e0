#!/usr/bin/env python3
"""How often each compiled term of a question occurs in its own gold
evidence: a term that never does blocks relevance, whether it is a mistake of
the compiler ("up" of "gives up", a stem cut wrong) or a word the officials
paraphrase ("acquire" for "we'll get Greenland").

Usage:
  vane questions list --db DB > terms.tsv      # id, shape, terms, targets, proposition
  python3 scripts/term-coverage.py --gold data/labelled --terms terms.tsv [--min N] [--top N]

Prints, per term (a compiled group, shown by its first form), the gold points
whose quote has any of its forms as whole words, over the gold points of the
questions that have the term, lowest share first. Tuning folds only: the
held-out folds' quotes are not read.
"""
import argparse
import collections
import csv
import re

import folds as F  # scripts/folds.py, beside this script

ap = argparse.ArgumentParser()
ap.add_argument("--gold", required=True)
ap.add_argument("--terms", required=True, help="the output of `vane questions list`")
ap.add_argument("--min", type=int, default=4, help="terms over fewer gold points are left out")
ap.add_argument("--top", type=int, default=40)
a = ap.parse_args()

meta, folds, points, coverage = F.load(a.gold)
groups = {}
for line in open(a.terms, encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if len(f) >= 5 and f[2]:
        groups[f[0]] = [g.split("|") for g in f[2].split(" + ")]
# term -> [points naming it, points], questions
seen = collections.defaultdict(lambda: [0, 0, set()])
for p in points:
    if folds.get(p["question"], 0) not in F.TUNING:
        continue
    quote = " ".join(p["evidence_quote"].lower().split())
    for g in groups.get(p["question"], []):
        named = any(re.search(r"(?<!\w)" + re.escape(t) + r"(?!\w)", quote) for t in g)
        row = seen[g[0]]
        row[0] += named
        row[1] += 1
        row[2].add(p["question"])
rows = [(t, n, k, qs) for t, (n, k, qs) in seen.items() if k >= a.min]
rows.sort(key=lambda r: (r[1] / r[2], -r[2]))
print("| term | gold points naming it | questions |")
print("| --- | --- | --- |")
for t, n, k, qs in rows[: a.top]:
    shown = ", ".join(sorted(qs)[:3]) + (", ..." if len(qs) > 3 else "")
    print(f"| {t} | {n} of {k} | {shown} |")
