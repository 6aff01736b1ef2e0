#!/usr/bin/env python3
"""Scores positions on the labelled corpus by folds, per shape and per kind of document,
and checks the figures against floors.

Usage:
  python3 scripts/folds.py --gold data/labelled --positions P.jsonl --lines L.jsonl \
      [--floors data/labelled/floors.toml] [--markdown]

The matching is that of EVAL.md section 3 (the same conditions as the shared scorer
`score_positions.py`: question, actor as whole words either way, stance, date within a
day, overlapping evidence; precision over the coverage pairs; line accuracy against the
latest gold point of the same government). It is re-implemented here so that the floors
check runs where the shared scorer is not at hand; on the whole set its totals equal the
shared scorer's (NOTES.md).

Folds (data/labelled/folds.csv) hold out whole questions: a (question, document) pair
belongs to its question's fold. Folds 0-2 are the tuning folds, where errors may be read
and rules written; folds 3-4 are held out: only their figures are looked at.
Exit status 1 when a figure is under its floor.
"""
import argparse
import csv
import datetime
import json
import re
import sys
import tomllib
from pathlib import Path

ONE = datetime.timedelta(days=1)
TUNING = {0, 1, 2}


def norm(s):
    return " ".join(str(s or "").casefold().split())


def word_in(n, h):
    return re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", h) is not None


def actor_ok(g, p):
    g, p = norm(g), norm(p)
    return bool(g and p) and (word_in(g, p) or word_in(p, g))


def day(v):
    try:
        return datetime.date.fromisoformat(str(v)[:10])
    except (ValueError, TypeError):
        return None


def suffix(a, b):
    pa = [x for x in str(a or "").replace("\\", "/").split("/") if x not in ("", ".")]
    pb = [x for x in str(b or "").replace("\\", "/").split("/") if x not in ("", ".")]
    k = min(len(pa), len(pb))
    return k > 0 and pa[-k:] == pb[-k:]


def locate(text, quote):
    out, i = [], text.find(quote)
    while i != -1 and quote:
        out.append((i, i + len(quote)))
        i = text.find(quote, i + 1)
    return out


def load(gold_dir):
    g = Path(gold_dir)
    qs = tomllib.loads((g / "questions.toml").read_text())["question"]
    meta = {q["id"]: q for q in qs}
    folds = {}
    if (g / "folds.csv").exists():
        for r in csv.DictReader(open(g / "folds.csv")):
            folds[r["question"]] = int(r["fold"])
    points, cache = [], {}
    for r in csv.DictReader(open(g / "gold.csv", encoding="utf-8-sig", newline="")):
        f = r["evidence_file"]
        if f not in cache:
            cache[f] = (g / f).read_text(encoding="utf-8")
        points.append(dict(r, date=day(r["date"]), loc=locate(cache[f], r["evidence_quote"])))
    coverage = [(r["question"], r["evidence_file"])
                for r in csv.DictReader(open(g / "coverage.csv", encoding="utf-8-sig"))]
    return meta, folds, points, coverage


# The directional and neutral stances, in the order the scripts try them and
# vane-analysis iterates them (the training labels are 1 + this index).
STANCES = ("support", "oppose", "neutral")


def candidate_key(c):
    """A candidate's or a position's identity: question, actor, document and span."""
    return (c["question"], norm(c["actor"]), c["document"], c["start"], c["end"])


def recorded_candidates(path, folds, coverage):
    """Each candidate a read recorded (`vane ingest --record-candidates`)
    in a covered (question, document) pair of a question with a fold, once
    (by question, actor, document and span). Lines cut short by a crash are
    skipped."""
    covered = {}
    for q, f in coverage:
        covered.setdefault(q, []).append(f)
    seen = set()
    for line in open(path, encoding="utf-8"):
        try:
            c = json.loads(line)
        except json.JSONDecodeError:
            continue
        k = candidate_key(c)
        if k in seen or c["question"] not in folds:
            continue
        seen.add(k)
        if any(suffix(c["document"], f) for f in covered.get(c["question"], ())):
            yield c


def gold_point(c, by_question):
    """(stance, point): the gold point a candidate matches with the first
    stance that matches one (support, oppose, neutral), or None.
    `by_question` holds the gold points by question."""
    for stance in STANCES:
        pos = dict(c, stance=stance)
        hit = next((p for p in by_question.get(c["question"], ()) if match(p, pos)), None)
        if hit is not None:
            return stance, hit
    return None


def doc_kind(path):
    p = str(path)
    if "wikinews/" in p:
        return "news"
    if re.search(r"/(press-briefings|speeches-remarks|remarks)/", p) or re.search(r"^Q\d_", p):
        return "transcript"
    return "official-prose"


def match(p, pos):
    if pos.get("question") != p["question"] or not actor_ok(p["actor"], pos.get("actor")):
        return False
    if norm(p["stance"]) != norm(pos.get("stance")):
        return False
    lo, hi = day(pos.get("valid_from")), day(pos.get("valid_to"))
    lo, hi = lo or hi, hi or lo
    if lo is None or not (lo - ONE <= p["date"] <= hi + ONE):
        return False
    if not suffix(pos.get("document"), p["evidence_file"]):
        return False
    s, e = pos.get("start"), pos.get("end")
    return isinstance(s, int) and isinstance(e, int) and any(s < b and a < e for a, b in p["loc"])


def line_ok(p, points, lines):
    gov = norm(p["government"])
    same = [x for x in points if x["question"] == p["question"] and norm(x["government"]) == gov
            and x["date"] <= p["date"]]
    latest = max(x["date"] for x in same)
    want = {norm(x["stance"]) for x in same if x["date"] == latest}
    best, key = None, None
    for k, seg in enumerate(lines):
        if seg.get("question") != p["question"] or norm(seg.get("government")) != gov:
            continue
        lo = day(seg.get("from"))
        hi = day(seg.get("to")) if seg.get("to") is not None else None
        if lo is None or lo > p["date"] or (hi is not None and p["date"] > hi):
            continue
        if key is None or (lo, k) > key:
            best, key = seg, (lo, k)
    return best is not None and norm(best.get("stance")) in want


def score(points, positions, coverage, lines, keep_q, keep_doc=lambda f: True):
    pts = [p for p in points if keep_q(p["question"]) and keep_doc(p["evidence_file"])]
    cov = {}
    for q, f in coverage:
        if keep_q(q) and keep_doc(f):
            cov.setdefault(q, []).append(f)
    # Positions and gold points by question: a match needs the same question.
    by_q = {}
    for x in positions:
        by_q.setdefault(x.get("question"), []).append(x)
    pts_by_q = {}
    for p in points:
        pts_by_q.setdefault(p["question"], []).append(p)
    found = sum(any(match(p, x) for x in by_q.get(p["question"], ())) for p in pts)
    lok = sum(line_ok(p, points, lines) for p in pts)
    inc = [x for x in positions
           if any(suffix(x.get("document"), f) for f in cov.get(x.get("question"), ()))]
    tp = sum(any(match(p, x) for p in pts_by_q.get(x.get("question"), ())) for x in inc)
    n = len(pts)
    r = found / n if n else 0.0
    pr = tp / len(inc) if inc else 0.0
    return dict(gold=n, found=found, recall=r, predicted=len(inc), tp=tp, precision=pr,
                f1=2 * r * pr / (r + pr) if r + pr else 0.0, line=lok / n if n else 0.0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", required=True)
    ap.add_argument("--positions", required=True)
    ap.add_argument("--lines", required=True)
    ap.add_argument("--floors")
    ap.add_argument("--markdown", action="store_true")
    a = ap.parse_args()
    meta, folds, points, coverage = load(a.gold)
    positions = [json.loads(l) for l in open(a.positions, encoding="utf-8") if l.strip()]
    lines = [json.loads(l) for l in open(a.lines, encoding="utf-8") if l.strip()]
    rows = []

    def add(name, **kw):
        rows.append((name, score(points, positions, coverage, lines, **kw)))

    add("all", keep_q=lambda q: True)
    add("tuning folds (0-2)", keep_q=lambda q: folds.get(q, 0) in TUNING)
    add("held-out folds (3-4)", keep_q=lambda q: folds.get(q, 0) not in TUNING)
    for k in sorted(set(folds.values())):
        add(f"fold {k}", keep_q=lambda q, k=k: folds.get(q) == k)
    for shape in ("provision", "action", "evaluation"):
        for part, keep in (("tuning", lambda q: folds.get(q, 0) in TUNING),
                           ("held-out", lambda q: folds.get(q, 0) not in TUNING)):
            add(f"{shape}, {part}",
                keep_q=lambda q, s=shape, keep=keep: meta.get(q, {}).get("shape") == s and keep(q))
    for kind in ("transcript", "official-prose", "news"):
        for part, keep in (("tuning", lambda q: folds.get(q, 0) in TUNING),
                           ("held-out", lambda q: folds.get(q, 0) not in TUNING)):
            add(f"{kind}, {part}", keep_q=keep, keep_doc=lambda f, k=kind: doc_kind(f) == k)
    # Questions of a later round, written after the rules they are scored with.
    for rnd in sorted({q.get("round") for q in meta.values() if q.get("round")}):
        add(f"round {rnd}", keep_q=lambda q, r=rnd: meta.get(q, {}).get("round") == r)
        for part, keep in (("tuning", lambda q: folds.get(q, 0) in TUNING),
                           ("held-out", lambda q: folds.get(q, 0) not in TUNING)):
            add(f"round {rnd}, {part}",
                keep_q=lambda q, r=rnd, keep=keep: meta.get(q, {}).get("round") == r and keep(q))
    if a.markdown:
        print("| subset | gold | found | recall | predicted | true | precision | F1 | line acc. |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for name, s in rows:
            print(f"| {name} | {s['gold']} | {s['found']} | {s['recall']:.3f} | {s['predicted']} | "
                  f"{s['tp']} | {s['precision']:.3f} | {s['f1']:.3f} | {s['line']:.3f} |")
    else:
        w = max(len(n) for n, _ in rows) + 2
        print(f"{'subset':{w}}{'gold':>6}{'found':>7}{'recall':>8}{'pred':>6}{'tp':>5}{'prec':>7}"
              f"{'f1':>7}{'line':>7}")
        for name, s in rows:
            print(f"{name:{w}}{s['gold']:6d}{s['found']:7d}{s['recall']:8.3f}{s['predicted']:6d}"
                  f"{s['tp']:5d}{s['precision']:7.3f}{s['f1']:7.3f}{s['line']:7.3f}")
    if a.floors:
        floors = tomllib.loads(Path(a.floors).read_text())
        by = dict(rows)
        bad = []
        for subset, fl in floors.get("floor", {}).items():
            s = by.get(subset.replace("_", " "))
            if s is None:
                bad.append(f"floors name an unknown subset {subset!r}")
                continue
            for k, v in fl.items():
                if s[k] + 1e-9 < v:
                    bad.append(f"{subset}: {k} {s[k]:.3f} is under its floor {v:.3f}")
        for b in bad:
            print("FLOOR:", b, file=sys.stderr)
        if bad:
            return 1
        print("floors: all met", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
