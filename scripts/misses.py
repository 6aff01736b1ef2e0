#!/usr/bin/env python3
"""Why gold points of the labelled corpus are missed: for each gold point no
position matches, what the reading has over its evidence.

Usage:
  vane read --emit statements data/labelled/docs/ > S.jsonl
  python3 scripts/misses.py --gold data/labelled --positions P.jsonl --statements S.jsonl \
      [--part tuning|held-out|all] [--show CATEGORY] [--limit N]

Categories, first that applies:
  found               a position matches (scripts/folds.py's conditions)
  position-wrong      a position of the right actor on the question overlaps the
                      evidence, but its stance or date is wrong
  statement-no-pos    a statement (speech, act, turn, a publication's voice) of the
                      right actor overlaps the evidence; no position came of it
  statement-act-no-pos  the same, where the statement is a reported act
  other-actor         statements overlap the evidence, none of the right actor
  no-actor            the only statements there have no actor
  no-statement        nothing overlaps the evidence: no statement at all

The actor test is folds.py's (names as whole words either way). Look at
--show only for the tuning folds (--part tuning): held-out folds are scored,
never read.
"""
import argparse
import collections
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import folds as F  # noqa: E402


def stem(path):
    base = str(path).replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", required=True)
    ap.add_argument("--positions", required=True)
    ap.add_argument("--statements", required=True)
    ap.add_argument("--part", default="tuning", choices=["tuning", "held-out", "all"])
    ap.add_argument("--show", action="append", default=[])
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--json", help="write each point's category here (JSONL)")
    a = ap.parse_args()
    meta, folds, points, _ = F.load(a.gold)
    positions = [json.loads(l) for l in open(a.positions, encoding="utf-8") if l.strip()]
    by_doc = collections.defaultdict(list)
    for l in open(a.statements, encoding="utf-8"):
        if l.strip():
            d = json.loads(l)
            by_doc[d["document"]].extend(d["statements"])
    keep = {
        "tuning": lambda q: folds.get(q, 0) in F.TUNING,
        "held-out": lambda q: folds.get(q, 0) not in F.TUNING,
        "all": lambda q: True,
    }[a.part]
    counts = collections.Counter()
    shown = collections.Counter()
    rows = []
    for p in points:
        if not keep(p["question"]):
            continue
        kind = F.doc_kind(p["evidence_file"])

        def over(s, e):
            return isinstance(s, int) and any(s < y and x < e for x, y in p["loc"])

        speakers = []
        if any(F.match(p, x) for x in positions):
            cat = "found"
        elif any(x.get("question") == p["question"] and F.suffix(x.get("document"), p["evidence_file"])
                 and F.actor_ok(p["actor"], x.get("actor")) and over(x.get("start"), x.get("end"))
                 for x in positions):
            cat = "position-wrong"
        else:
            sts = [s for s in by_doc.get(stem(p["evidence_file"]), []) if over(s["start"], s["end"])]
            speakers = sorted({s.get("actor_name") or "" for s in sts})
            right = [s for s in sts if F.actor_ok(p["actor"], s.get("actor_name") or "")]
            if right:
                cat = ("statement-act-no-pos" if all(s["kind"] == "action" for s in right)
                       else "statement-no-pos")
            elif any(s.get("actor") for s in sts):
                cat = "other-actor"
            elif sts:
                cat = "no-actor"
            else:
                cat = "no-statement"
        counts[cat] += 1
        counts[(cat, kind)] += 1
        rows.append(dict(question=p["question"], file=p["evidence_file"], actor=p["actor"],
                         stance=p["stance"], category=cat, kind=kind, speakers=speakers,
                         loc=p["loc"], quote=" ".join(p["evidence_quote"].split())))
        if cat in a.show and shown[cat] < a.limit:
            shown[cat] += 1
            q = " ".join(p["evidence_quote"].split())
            print(f"--- {cat} [{kind}] {p['question']} / {p['actor']} / {p['stance']}")
            print(f"    {p['evidence_file']}")
            print(f"    {q[:400]}")
            if cat == "other-actor":
                for s in by_doc.get(stem(p["evidence_file"]), []):
                    if over(s["start"], s["end"]):
                        print(f"    > {s['kind']} {s.get('actor_name')}: {s['text'][:120]!r}")
    cats = ["found", "position-wrong", "statement-no-pos", "statement-act-no-pos", "other-actor",
            "no-actor", "no-statement"]
    kinds = ["transcript", "official-prose", "news"]
    total = sum(counts[c] for c in cats)
    print(f"\n{a.part}: {total} gold points")
    print(f"| category | all | {' | '.join(kinds)} |")
    print("| --- | --- |" + " --- |" * len(kinds))
    for c in cats:
        print(f"| {c} | {counts[c]} | " + " | ".join(str(counts[(c, k)]) for k in kinds) + " |")
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r) + "\n")


if __name__ == "__main__":
    main()
