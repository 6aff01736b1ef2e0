#!/usr/bin/env python3
"""Where the false positions on the labelled corpus come from: each position in
a covered (question, document) pair that matches no gold point, by what the
annotators said of the sentence under it.

Usage:
  python3 scripts/false-positions.py --gold data/labelled --positions P.jsonl \
      [--part tuning|held-out] [--show CATEGORY] [--limit N]

Categories: `unseen sentence` (no candidate of the question overlaps it, so no
annotator judged it), `judged none`, `other stance` (judged, never with the
position's stance), `same stance, no point` (judged with its stance but no
gold point: history, or not an official), `actor/date` (a gold point with its
stance is there, not with its actor or day). Matching is scripts/folds.py's.
Look at --show only for the tuning folds: held-out folds are scored, never read.
"""
import argparse
import collections
import csv
import importlib.util
import json
from pathlib import Path

spec = importlib.util.spec_from_file_location("folds", Path(__file__).with_name("folds.py"))
F = importlib.util.module_from_spec(spec)
spec.loader.exec_module(F)

ap = argparse.ArgumentParser()
ap.add_argument("--gold", required=True)
ap.add_argument("--positions", required=True)
ap.add_argument("--part", default="tuning", choices=["tuning", "held-out"])
ap.add_argument("--show")
ap.add_argument("--limit", type=int, default=20)
a = ap.parse_args()
meta, folds, points, coverage = F.load(a.gold)
tuning = a.part == "tuning"
cov = {(q, f[len("docs/"):]) for q, f in coverage if (folds.get(q, 0) in F.TUNING) == tuning}
pairs = collections.defaultdict(list)
for r in csv.DictReader(open(Path(a.gold) / "pairs.csv", encoding="utf-8")):
    pairs[(r["question"], r["file"][len("docs/"):])].append(r)
cats, rules, shown = collections.Counter(), collections.defaultdict(collections.Counter), []
for line in open(a.positions, encoding="utf-8"):
    p = json.loads(line)
    if (p["question"], p["document"]) not in cov:
        continue
    if any(F.match(g, p) for g in points):
        cats["true"] += 1
        continue
    under = [c for c in pairs[(p["question"], p["document"])]
             if int(c["start"]) < p["end"] and p["start"] < int(c["end"])]
    if not under:
        k = "unseen sentence"
    elif all(c["label"] == "none" for c in under):
        k = "judged none"
    elif not any(c["label"] == p["stance"] for c in under):
        k = "other stance"
    elif all(int(c["points"]) == 0 for c in under if c["label"] == p["stance"]):
        k = "same stance, no point"
    else:
        k = "actor/date"
    cats[k] += 1
    rules[k].update(str(p.get("rules") or "").split(","))
    if k == a.show and len(shown) < a.limit:
        shown.append(p)
print(f"{a.part}: " + ", ".join(f"{k} {n}" for k, n in cats.most_common()))
for k, c in rules.items():
    print(f"{k}: " + ", ".join(f"{r} {n}" for r, n in c.most_common(8)))
for p in shown:
    print(f"--- {p['question']} | {p['actor']} {p['stance']} {p['valid_from']} {p['rules']}")
    print("    " + p["text"][:300].replace("\n", " "))
