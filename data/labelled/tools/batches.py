#!/usr/bin/env python3
"""Splits tools/candidates.jsonl into annotation batches, whole questions per batch,
and draws the sample for the second, independent annotation (every batch, about 11%).

Usage: python3 tools/batches.py [--batches 6] [--second 0.11]
Writes tools/batches/batch-N.jsonl and tools/batches/second.jsonl. Deterministic.
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
    a = ap.parse_args()
    cands = [json.loads(l) for l in open(HERE / "candidates.jsonl")]
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
    for i, items in enumerate(loads, 1):
        with open(out / f"batch-{i}.jsonl", "w") as f:
            for c in items:
                f.write(json.dumps(c, ensure_ascii=False) + "\n")
        print(f"batch-{i}: {len(items)} items, {len({c['question'] for c in items})} questions")
    rng = random.Random(a.seed)
    sample = [c for c in cands if rng.random() < a.second]
    with open(out / "second.jsonl", "w") as f:
        for c in sample:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    print(f"second: {len(sample)} items")


if __name__ == "__main__":
    main()
