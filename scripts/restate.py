#!/usr/bin/env python3
"""Reads every question's own proposition, restated by an official, and says how many read as support.

Usage: python3 scripts/restate.py [--vane BIN] [--questions data/labelled/questions.toml]
                                  [--part tuning|held-out|all] [--show]

For each question it writes two short documents: a press briefing whose
press secretary answers with the proposition word for word, and a White House
statement whose one sentence is the proposition. Both are read with `vane read
--emit positions` against all the questions. A reading that understands its
own question should find support in both. It prints the share that did, by
fold group (folds.csv beside the questions), and with --show the propositions
that did not (of --part only: look at the tuning folds, count the held-out).

A check of the question compiler and the stance rules together, not a score:
the documents are written here, not drawn from the corpus.
"""

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BRIEFING = """---
date: '2024-03-12'
title: Press Briefing by Press Secretary Karine Jean-Pierre
source_url: https://www.whitehouse.gov/briefing-room/press-briefings/2024/03/12/{id}/
---

MS. JEAN-PIERRE: Good afternoon, everyone.

Q Thank you. Where does the administration stand?

MS. JEAN-PIERRE: {p}
"""

STATEMENT = """---
date: '2024-03-12'
title: Statement from the Press Secretary
source_url: https://www.whitehouse.gov/briefing-room/statements-releases/2024/03/12/{id}/
---

{p}
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vane", default=None)
    ap.add_argument("--questions", default=str(ROOT / "data/labelled/questions.toml"))
    ap.add_argument("--part", choices=["tuning", "held-out", "all"], default=None,
                    help="whose misses --show lists (default: tuning with folds.csv, else all)")
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    vane = args.vane
    if vane is None:
        import os
        target = os.environ.get("CARGO_TARGET_DIR", str(Path.home() / ".cache/weathervane-target"))
        vane = str(Path(target) / "release/vane")
    qpath = Path(args.questions)
    qs = tomllib.loads(qpath.read_text())["question"]
    folds = {}
    if (qpath.parent / "folds.csv").exists():
        folds = {r["question"]: int(r["fold"]) for r in csv.DictReader(open(qpath.parent / "folds.csv"))}
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        (d / "docs").mkdir()
        for q in qs:
            p = q["proposition"]
            (d / "docs" / f"{q['id']}.briefing.md").write_text(BRIEFING.format(id=q["id"], p=p))
            (d / "docs" / f"{q['id']}.statement.md").write_text(STATEMENT.format(id=q["id"], p=p))
        out = subprocess.run([vane, "read", "--emit", "positions", "--questions", str(qpath), str(d / "docs")],
                             capture_output=True, text=True, check=True).stdout
    got = {}
    for line in out.splitlines():
        doc = json.loads(line)
        name = Path(doc["document"]).name
        qid, form = name.split(".")[0], name.split(".")[1]
        got[(qid, form)] = {p["stance"] for p in doc["positions"] if p["question"] == qid}
    if args.part is None:
        args.part = "tuning" if folds else "all"
    groups = {"tuning": lambda f: f in (0, 1, 2), "held-out": lambda f: f in (3, 4), "all": lambda f: True}
    print("| part | questions | briefing: support | statement: support | both |")
    print("| --- | --- | --- | --- | --- |")
    for name, keep in groups.items():
        sel = [q for q in qs if keep(folds.get(q["id"], -1))]
        if not sel:
            continue
        ok = lambda q, form: got.get((q["id"], form)) == {"support"}
        b = sum(ok(q, "briefing") for q in sel)
        s = sum(ok(q, "statement") for q in sel)
        both = sum(ok(q, "briefing") and ok(q, "statement") for q in sel)
        n = len(sel)
        print(f"| {name} | {n} | {b / n:.3f} | {s / n:.3f} | {both / n:.3f} |")
    if args.show:
        keep = groups[args.part]
        for q in qs:
            if not keep(folds.get(q["id"], -1)):
                continue
            rb, rs = got.get((q["id"], "briefing"), set()), got.get((q["id"], "statement"), set())
            if rb != {"support"} or rs != {"support"}:
                fmt = lambda r: "+".join(sorted(r)) or "none"
                print(f"{q['id']}\tbriefing {fmt(rb)}\tstatement {fmt(rs)}\t{q['proposition']}", file=sys.stderr)


if __name__ == "__main__":
    main()
