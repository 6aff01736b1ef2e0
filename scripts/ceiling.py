#!/usr/bin/env python3
"""The most any judge of the reader's candidates could score on the labelled
corpus: a perfect judge, which keeps every candidate that matches a gold
point (with that point's stance) and no other, and keeps the rules' right
positions.

A candidate is a statement the reader hands a judge (`vane ingest
--record-candidates F.jsonl`): a statement by a resolved actor that touches
the question's terms or is on its topic. A gold point that no candidate
covers can be found by no judge, however good; so this bounds recall and
line accuracy for every judge behind the reader's candidates, and tells how
much of what is missed lies in the candidates (the judge's share) and how
much outside them (the candidates' share).

Usage:
  vane ingest --record-candidates REC.jsonl ...   (scripts/labelled.sh with
      VANE_ARGS="--record-candidates REC.jsonl" writes it with the rules' read)
  python3 scripts/ceiling.py --gold data/labelled --candidates REC.jsonl \
      --positions OUT/positions.jsonl --lines OUT/lines.jsonl

Lines of the perfect judge's positions follow vane-analysis's line rule
(`lines_of` below); the script checks that rule first on the rules' own
positions against the lines vane exported, and says where they differ.
Held-out folds are counted, never read.
"""
import argparse
import collections
import datetime
import json

import folds as F  # scripts/folds.py, beside this script

RANK = {"head": 0, "minister": 1, "adviser": 2, "official": 3, "none": 4}
OVERRIDE_DAYS = 3  # vane_analysis::Config::default().override_window_days


def last_max(items, key):
    """The last of the greatest, as Rust's `Iterator::max_by` gives it."""
    best = None
    for x in items:
        if best is None or key(x) >= key(best):
            best = x
    return best


def lines_of(positions):
    """Each government's line on each question, as vane_analysis::line
    builds it: by day of valid time, the day's highest-ranking voice, the
    stance of greatest summed confidence (a neutral one counts half); it
    replaces the holder of the line when its author has equal or higher
    authority, or the holder's position is older than three days."""
    by_key = collections.defaultdict(list)
    for x in positions:
        by_key[(x["question"], x["government"])].append(x)
    out = []
    for (q, g), ps in sorted(by_key.items()):
        ps.sort(key=lambda x: (x["valid_from"], x["valid_to"], x["document"], x["start"]))
        days = collections.OrderedDict()
        for x in ps:
            days.setdefault(x["valid_from"], []).append(x)
        segments, holder = [], None
        for day, today in days.items():
            top = min(RANK[x["rank"]] for x in today)
            voice = [x for x in today if RANK[x["rank"]] == top]

            def weight(st, voice=voice):
                return sum(x["confidence"] * (0.5 if st == "neutral" else 1.0)
                           for x in voice if x["stance"] == st)

            stances = [s for s in F.STANCES if any(x["stance"] == s for x in voice)]
            stance = last_max(stances, weight)
            p = last_max([x for x in voice if x["stance"] == stance], lambda x: x["confidence"])
            d = F.day(day)
            if holder is not None and RANK[p["rank"]] > RANK[holder["rank"]] \
                    and (d - F.day(holder["valid_from"])).days <= OVERRIDE_DAYS:
                continue
            holder = p
            if segments and segments[-1]["stance"] == stance:
                continue
            if segments:
                segments[-1]["to"] = str(d - datetime.timedelta(days=1))
            segments.append({"question": q, "government": g, "from": day, "to": None, "stance": stance})
        out += segments
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", required=True)
    ap.add_argument("--candidates", required=True, help="`vane ingest --record-candidates` output")
    ap.add_argument("--positions", required=True, help="the same read's positions (the rules')")
    ap.add_argument("--lines", required=True, help="the same read's lines")
    a = ap.parse_args()
    meta, folds, points, coverage = F.load(a.gold)
    by_q = collections.defaultdict(list)
    for p in points:
        by_q[p["question"]].append(p)
    rules = [json.loads(line) for line in open(a.positions, encoding="utf-8") if line.strip()]
    exported = [json.loads(line) for line in open(a.lines, encoding="utf-8") if line.strip()]
    parts = {"tuning": lambda q: folds.get(q, 0) in F.TUNING,
             "held-out": lambda q: folds.get(q, 0) not in F.TUNING}

    # The line rule, checked on the rules' positions against vane's lines.
    mirrored = lines_of(rules)
    for part, keep in parts.items():
        pts = [p for p in points if keep(p["question"])]
        mine = sum(F.line_ok(p, points, mirrored) for p in pts)
        theirs = sum(F.line_ok(p, points, exported) for p in pts)
        if mine != theirs:
            print(f"warning: the mirrored line rule gives {mine} right lines on the {part} folds, "
                  f"vane's lines {theirs}: the perfect judge's line accuracy is approximate")

    # Each recorded candidate of a covered pair, once; a perfect judge keeps
    # those a gold point matches, with its stance. Rank: the rules' for the
    # actor where they gave one, else an unnamed official's.
    rank = {F.norm(x["actor"]): x["rank"] for x in rules}
    perfect, n = [], 0
    for c in F.recorded_candidates(a.candidates, folds, coverage):
        n += 1
        got = F.gold_point(c, by_q)
        if got is not None:
            stance, hit = got
            pos = dict(c, stance=stance, government=hit["government"], confidence=0.6,
                       rank=rank.get(F.norm(c["actor"]), "official"))
            pos.pop("features", None)
            perfect.append(pos)
    # The rules' right positions stay: a judge beside the rules keeps them,
    # and a rule may decide a statement it hands no judge, or give a
    # position a day or a colleague its candidate does not carry.
    n_cand = len(perfect)
    perfect += [x for x in rules if any(F.match(p, x) for p in by_q.get(x["question"], ()))]
    perfect_lines = lines_of(perfect)
    print(f"{n} candidates in covered pairs; {n_cand} of them match a gold point; "
          f"with the rules' {len(perfect) - n_cand} right positions\n")

    def fmt(s):
        return f"{s['recall']:.3f} / {s['precision']:.3f} / {s['f1']:.3f} / {s['line']:.3f}"

    print("| subset | gold points | rules R / P / F1 / line | perfect judge of the candidates R / P / F1 / line |")
    print("| --- | --- | --- | --- |")
    subsets = [(part, keep, lambda f: True) for part, keep in parts.items()]
    for shape in ("provision", "action", "evaluation"):
        for part, keep in parts.items():
            subsets.append((f"{shape}, {part}",
                            lambda q, s=shape, keep=keep: meta.get(q, {}).get("shape") == s and keep(q),
                            lambda f: True))
    for kind in ("transcript", "official-prose", "news"):
        for part, keep in parts.items():
            subsets.append((f"{kind}, {part}", keep, lambda f, k=kind: F.doc_kind(f) == k))
    for name, keep_q, keep_doc in subsets:
        r = F.score(points, rules, coverage, exported, keep_q, keep_doc)
        o = F.score(points, perfect, coverage, perfect_lines, keep_q, keep_doc)
        print(f"| {name} | {r['gold']} | {fmt(r)} | {fmt(o)} |")


if __name__ == "__main__":
    main()
