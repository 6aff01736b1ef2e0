#!/usr/bin/env python3
"""Completes the judged documents: the sentences where a reading put a position
that no candidate covers become candidates too, for the annotators to judge.

Usage: python3 tools/complete.py --positions P.jsonl --round 24
       python3 tools/complete.py --positions C.jsonl --round 25 --sample 430

With --sample N, it adds a seeded random draw of N of the sentences it would
add, not all of them. Round 25 gave it a read's recorded candidates (`vane
ingest --record-candidates`: every statement the reader hands a judge, with
the same question, document and evidence fields as a position), so that a
random share of the sentences the reader considers but no candidate covered
is judged too: what the candidates' patterns miss, measured.

`tools/select.py` draws a question's candidates by its `find` patterns (and the
sentence after each hit), so a sentence of a covered document that names the
question in other words was never shown to an annotator. A position there
counted as a false positive whether it was right or not. This tool takes a
read's positions (`vane export positions` over the corpus, e.g. the
`positions.jsonl` of `scripts/labelled.sh`), and for each one in a covered
question-document pair whose evidence overlaps no candidate, adds the
sentences its evidence overlaps (select.py's sentence splitter and turn labels;
reporters' questions left out, as select.py leaves them) with select.py's
context and ids. The annotators see them as any other candidate: the
proposition, the sentence and its context, never the reading's stance.

Writes tools/completed.jsonl (every sentence added by any run, with the round
that added it; select.py appends it to candidates.jsonl when it draws the
corpus again) and appends the new ones to tools/candidates.jsonl. Running it
twice adds nothing the second time. Standard library only; deterministic.
"""
import argparse
import csv
import importlib.util
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

# select.py shares its name with the standard library's module: load it by path.
_spec = importlib.util.spec_from_file_location("labelled_select", HERE / "select.py")
S = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(S)


def suffix(a, b):
    """Whether one path ends with the other (scripts/folds.py's test)."""
    pa = [x for x in a.replace("\\", "/").split("/") if x not in ("", ".")]
    pb = [x for x in b.replace("\\", "/").split("/") if x not in ("", ".")]
    k = min(len(pa), len(pb))
    return k > 0 and pa[-k:] == pb[-k:]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--positions", required=True, help="a read's positions over this corpus (JSONL)")
    ap.add_argument("--round", type=int, required=True, help="the round of annotation these belong to")
    ap.add_argument("--sample", type=int, help="add a seeded random draw of this many sentences")
    ap.add_argument("--seed", type=int, default=34)
    a = ap.parse_args()
    qs = {q["id"]: q for q in S.tomllib.loads((ROOT / "questions.toml").read_text())["question"]}
    covered = {}
    for r in csv.DictReader(open(ROOT / "coverage.csv", encoding="utf-8")):
        covered.setdefault(r["question"], []).append(r["evidence_file"])
    cands = [json.loads(l) for l in open(HERE / "candidates.jsonl", encoding="utf-8")]
    known = {c["cid"] for c in cands}
    spans = {}
    for c in cands:
        spans.setdefault((c["question"], c["file"]), []).append((c["start"], c["end"]))
    docs = {}
    added = []
    for line in open(a.positions, encoding="utf-8"):
        p = json.loads(line)
        q = p.get("question")
        f = next((f for f in covered.get(q, ()) if suffix(p.get("document", ""), f)), None)
        if f is None:
            continue
        s0, e0 = p["start"], p["end"]
        if any(s < e0 and s0 < e for s, e in spans.get((q, f), ())):
            continue
        if f not in docs:
            text = (ROOT / f).read_text(encoding="utf-8")
            fm_end, meta = S.front_matter(text)
            sp = S.sentences(text, fm_end)
            docs[f] = (text, meta, sp, S.annotate_turns(text, sp))
        text, meta, sp, labels = docs[f]
        rel = f.removeprefix("docs/")
        for i, (s, e) in enumerate(sp):
            if not (s < e0 and s0 < e) or labels[i] == "Q":
                continue
            c = S.candidate(qs[q], rel, (meta.get("date") or meta.get("published") or "")[:10],
                            text, sp, labels, i)
            if c["cid"] in known:
                continue
            known.add(c["cid"])
            spans.setdefault((q, f), []).append((s, e))
            added.append(c)
    found = len(added)
    if a.sample is not None and a.sample < len(added):
        added = sorted(random.Random(a.seed).sample(sorted(added, key=lambda c: c["cid"]), a.sample),
                       key=lambda c: c["cid"])
    with open(HERE / "completed.jsonl", "a", encoding="utf-8") as out:
        for c in added:
            out.write(json.dumps(dict(c, round=a.round), ensure_ascii=False) + "\n")
    with open(HERE / "candidates.jsonl", "a", encoding="utf-8") as out:
        for c in added:
            out.write(json.dumps(c, ensure_ascii=False) + "\n")
    print(f"added {len(added)} of {found} candidate sentences over {len({(c['question'], c['file']) for c in added})} "
          f"question-document pairs", file=sys.stderr)


if __name__ == "__main__":
    main()
