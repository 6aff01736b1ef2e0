#!/usr/bin/env python3
"""Splits tools/candidates.jsonl into annotation batches, whole questions per batch,
and draws the sample for the second, independent annotation (every batch, about 11%).

Usage: python3 tools/batches.py [--batches 6] [--second 0.11]
Writes tools/batches/batch-N.jsonl and tools/batches/second.jsonl. Deterministic.

A later round (questions added to questions.toml, select.py run again):
  python3 tools/batches.py --new --first 7 --batches 5 --second-name second-2
batches only the candidates that no annotations/batch-*.csv labels yet, numbering
its batches from --first, and draws its second sample into --second-name.
"""
import argparse
import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--batches", type=int, default=6)
    ap.add_argument("--second", type=float, default=0.11)
    ap.add_argument("--seed", type=int, default=29)
    ap.add_argument("--new", action="store_true", help="only candidates not yet annotated")
    ap.add_argument("--first", type=int, default=1, help="number of the first batch")
    ap.add_argument("--second-name", default="second")
    a = ap.parse_args()
    cands = [json.loads(l) for l in open(HERE / "candidates.jsonl")]
    if a.new:
        done = set()
        for f in sorted((HERE.parent / "annotations").glob("batch-*.csv")):
            for line in f.read_text().splitlines()[1:]:
                done.add(line.split(",", 1)[0])
        cands = [c for c in cands if c["cid"] not in done]
    # A "sentence" over 1,500 characters is a list the splitter could not cut (a page of
    # links or figures): not a statement anyone would cite; left unjudged (README.md).
    cands = [c for c in cands if len(c["text"]) <= 1500]
    by_q = {}
    for c in cands:
        by_q.setdefault(c["question"], []).append(c)
    loads = [[] for _ in range(a.batches)]
    for q in sorted(by_q, key=lambda q: -len(by_q[q])):
        min(loads, key=len).extend(by_q[q])
    out = HERE / "batches"
    out.mkdir(exist_ok=True)
    for i, items in enumerate(loads, a.first):
        with open(out / f"batch-{i}.jsonl", "w") as f:
            for c in items:
                f.write(json.dumps(c, ensure_ascii=False) + "\n")
        print(f"batch-{i}: {len(items)} items, {len({c['question'] for c in items})} questions")
    rng = random.Random(a.seed)
    sample = [c for c in cands if rng.random() < a.second]
    with open(out / f"{a.second_name}.jsonl", "w") as f:
        for c in sample:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    print(f"second: {len(sample)} items")


if __name__ == "__main__":
    main()
