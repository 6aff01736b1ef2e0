#!/usr/bin/env python3
"""Draws the labelled corpus: documents and candidate sentences for each question.

Usage: python3 tools/select.py [--shared ../../../shared/data] [--per-question 5]

Reads questions.toml (this folder's parent), scans the White House corpus and
Wikinews under the shared data folder, and for each question picks up to
--per-question documents whose text matches every `find` pattern, with between
1 and --max-candidates candidate sentences. It copies the chosen documents
under docs/ (byte for byte), writes coverage.csv (every chosen
question-document pair), folds.csv, and tools/candidates.jsonl: one line per
candidate sentence with its context, for the annotators, followed by the
sentences tools/complete.py added (tools/completed.jsonl).

Standard library only; deterministic (a fixed seed, sorted inputs).
"""

import argparse
import hashlib
import json
import random
import re
import shutil
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

SPEAKER = re.compile(r"^\s*(Q|[A-Z][A-Z0-9 .,'’\-()\[\]\\]{1,60}?)(:|\.)\s\s?", re.M)
LABEL = re.compile(r"^(Q|[A-Z][A-Z0-9 .,'’\-()\[\]\\]{1,60}?):\s")
TRANSCRIPT_DIRS = {"press-briefings", "speeches-remarks", "remarks"}


def front_matter(text):
    """(end offset of the front matter, dict of simple keys)."""
    meta = {}
    if not text.startswith("---\n"):
        return 0, meta
    end = text.find("\n---\n", 4)
    if end < 0:
        return 0, meta
    for line in text[4:end].splitlines():
        m = re.match(r"^(\w+):\s*(.*)$", line)
        if m:
            meta[m.group(1)] = m.group(2).strip().strip("'\"")
    return end + 5, meta


SENT_END = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9\\])"
                      r"|\n(?=[ \t]*(?:[-*•]|\d{1,3}\.)[ \t])")
PARA = re.compile(r"\n[ \t\u00a0]*\n")


def sentences(text, start):
    """Spans (s, e) of sentences in text[start:], code-point offsets, stripped."""
    out = []
    pos = start
    for para in PARA.split(text[start:]):
        idx = text.find(para, pos)
        pos = idx + len(para)
        base = idx
        last = 0
        cuts = [m.end() for m in SENT_END.finditer(para)] + [len(para)]
        for c in cuts:
            seg = para[last:c]
            ls = len(seg) - len(seg.lstrip())
            rs = len(seg.rstrip())
            if rs > ls and re.search(r"\w", seg):
                out.append((base + last + ls, base + last + rs))
            last = c
    return out


def doc_kind(rel):
    parts = rel.split("/")
    if parts[0] == "wikinews":
        return "news"
    return "transcript" if parts[1] in TRANSCRIPT_DIRS else "official-prose"


def load_docs(shared):
    docs = []
    wh = shared / "whitehouse-corpus"
    for p in sorted(wh.rglob("*.md")):
        if p.name == "README.md":
            continue
        docs.append(("whitehouse", "whitehouse/" + str(p.relative_to(wh)), p))
    wn = shared / "wikinews" / "articles"
    for p in sorted(wn.rglob("*.md")):
        docs.append(("wikinews", "wikinews/" + str(p.relative_to(wn)), p))
    return docs


def annotate_turns(text, spans):
    """For each sentence: (speaker label or '', is_question_turn)."""
    labels = []
    cur = ""
    for s, e in spans:
        m = LABEL.match(text[s:e])
        if m:
            cur = m.group(1).strip()
        labels.append(cur)
    return labels


def candidate(q, rel, date, text, spans, labels, i):
    """Sentence `i` of document `rel` as a candidate of question `q`, with its
    context for the annotators: the sentence before, and the reporter's
    question that opened its answer (if the same speaker has held the floor
    since). Its id hashes the question, the document and the span."""
    s, e = spans[i]
    prev = text[spans[i - 1][0]:spans[i - 1][1]] if i > 0 else ""
    lastq = ""
    for j in range(i - 1, max(-1, i - 40), -1):
        if labels[j] == "Q":
            lastq = text[spans[j][0]:spans[j][1]]
            break
        if labels[j] != labels[i]:
            break
    cid = hashlib.sha1(f"{q['id']}|{rel}|{s}|{e}".encode()).hexdigest()[:10]
    return {
        "cid": cid, "question": q["id"], "proposition": q["proposition"],
        "file": "docs/" + rel, "doc_date": date, "doc_kind": doc_kind(rel),
        "start": s, "end": e, "speaker_label": labels[i],
        "question_before": lastq[:400], "previous": prev[:400],
        "text": text[s:e],
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent.parent.parent / "shared" / "data"))
    ap.add_argument("--per-question", type=int, default=8)
    ap.add_argument("--max-candidates", type=int, default=30)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    shared = Path(args.shared)
    qs = tomllib.loads((ROOT / "questions.toml").read_text())["question"]
    docs = load_docs(shared)
    print(f"{len(docs)} documents scanned", file=sys.stderr)
    texts = {}
    for src, rel, p in docs:
        texts[rel] = (src, p, p.read_text(encoding="utf-8"))

    rng = random.Random(args.seed)
    chosen = {}  # rel -> path
    coverage = []
    cands = []
    folds = {}
    # Folds: round-robin within each kind, in file order, so every fold has every kind.
    # A question keeps the fold folds.csv already gives it (questions added later must not
    # move the earlier ones between folds); new questions are dealt round-robin among
    # themselves the same way.
    known = {}
    if (ROOT / "folds.csv").exists():
        for line in (ROOT / "folds.csv").read_text().splitlines()[1:]:
            qid, _, f = line.partition(",")
            known[qid] = int(f)
    by_kind = {}
    for q in qs:
        if q["id"] in known:
            folds[q["id"]] = known[q["id"]]
        else:
            by_kind.setdefault(q["kind"], []).append(q["id"])
    k = 0
    for kind in sorted(by_kind):
        for qid in by_kind[kind]:
            folds[qid] = k % 5
            k += 1

    split_cache = {}
    bodies = {}
    for rel, (_, _, text) in texts.items():
        end, meta = front_matter(text)
        bodies[rel] = (text[end:], meta)
    for q in qs:
        pats = [re.compile(f, re.I) for f in q["find"]]
        src_ok = {"both": {"whitehouse", "wikinews"}}.get(q["source"], {q["source"]})
        pool = []
        for rel, (src, p, text) in texts.items():
            if src not in src_ok:
                continue
            body, meta = bodies[rel]
            fm_end = len(text) - len(body)
            date = (meta.get("date") or meta.get("published") or "")[:10]
            if q.get("after") and date < q["after"]:
                continue
            if q.get("before") and date > q["before"]:
                continue
            if not all(p_.search(body) for p_ in pats):
                continue
            if rel not in split_cache:
                sp = sentences(text, fm_end)
                split_cache[rel] = (sp, annotate_turns(text, sp))
            spans, labels = split_cache[rel]
            picked = []
            after_q = 0
            for i, (s, e) in enumerate(spans):
                t = text[s:e]
                lab = labels[i]
                if lab == "Q":
                    after_q = 3 if pats[0].search(t) else (after_q if LABEL.match(t) is None else 0)
                    continue
                hit = pats[0].search(t)
                if hit or after_q > 0:
                    picked.append(i)
                if after_q > 0:
                    after_q -= 1
            # The sentence after each hit, by the same speaker, is a candidate too: stance often
            # follows the naming ("Will you send them? — We're not going to do that.").
            extra = [i + 1 for i in picked if i + 1 < len(spans) and labels[i + 1] == labels[i]
                     and labels[i] != "Q"]
            if 1 <= len(picked) <= args.max_candidates:
                picked = sorted(set(picked) | set(extra))
                pool.append((rel, date, spans, labels, picked))
        if not pool:
            print(f"{q['id']}: no document qualifies", file=sys.stderr)
            continue
        # Diversity: alternate between document kinds, random within each.
        groups = {}
        for item in pool:
            groups.setdefault(doc_kind(item[0]), []).append(item)
        for g in groups.values():
            rng.shuffle(g)
        order = []
        keys = sorted(groups)
        while any(groups.values()):
            for key in keys:
                if groups[key]:
                    order.append(groups[key].pop())
        take = order[: args.per_question if q["source"] != "wikinews" else 8]
        for rel, date, spans, labels, picked in take:
            src, p, text = texts[rel]
            chosen[rel] = p
            coverage.append((q["id"], "docs/" + rel))
            for i in picked:
                cands.append(candidate(q, rel, date, text, spans, labels, i))
    # Write outputs.
    out_docs = ROOT / "docs"
    if out_docs.exists():
        shutil.rmtree(out_docs)
    for rel, p in sorted(chosen.items()):
        dst = out_docs / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(p, dst)
    with open(ROOT / "coverage.csv", "w", newline="") as f:
        f.write("question,evidence_file\n")
        for qid, rel in sorted(coverage):
            f.write(f"{qid},{rel}\n")
    with open(ROOT / "folds.csv", "w") as f:
        f.write("question,fold\n")
        for q in qs:
            f.write(f"{q['id']},{folds[q['id']]}\n")
    # Sentences tools/complete.py added (where a reading put a position that no
    # candidate covered) stay candidates while their question-document pair is drawn.
    done = HERE / "completed.jsonl"
    if done.exists():
        have, pairs = {c["cid"] for c in cands}, set(coverage)
        for line in open(done, encoding="utf-8"):
            c = json.loads(line)
            c.pop("round", None)
            if c["cid"] not in have and (c["question"], c["file"]) in pairs:
                cands.append(c)
                have.add(c["cid"])
    with open(HERE / "candidates.jsonl", "w") as f:
        for c in cands:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    kinds = {}
    for rel in chosen:
        kinds[doc_kind(rel)] = kinds.get(doc_kind(rel), 0) + 1
    print(f"{len(chosen)} documents {kinds}, {len(coverage)} question-document pairs, "
          f"{len(cands)} candidate sentences", file=sys.stderr)


if __name__ == "__main__":
    main()
