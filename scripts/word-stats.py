#!/usr/bin/env python3
"""How common each word is, and how often it is written with a capital
inside a sentence, over a corpus of Markdown documents.

    python3 scripts/word-stats.py ../shared/data/whitehouse-corpus \
        > crates/vane-read/data/word-stats.tsv

Writes `word<TAB>documents<TAB>capital share` (the share of its occurrences
after a sentence's first word that open with a capital, in thousandths),
for every word found in at least `--min-docs` documents, most common first,
after a header line giving the number of documents read. Words are split
as the question compiler splits them (letters, digits, '-' and '.', the
dots trimmed), lowercased; a word written all in capitals (a speaker's
label, an acronym) counts toward its documents but not toward its capital
share.
"""

import argparse
import os
import re
import sys

TOKEN = re.compile(r"[\w\-.]+")
# What ends a sentence, or opens a line (a heading, an item, a quote).
OPENER = re.compile(r"(^|[.!?:;\"“”()\[\]*#>|]\s*|\n\s*[-*+\d.]*\s*)$")


def body(text):
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end != -1:
            return text[end + 4 :]
    return text


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", help="folder of .md/.txt documents, read recursively")
    ap.add_argument("--min-docs", type=int, default=20)
    args = ap.parse_args()
    docs = {}
    capital = {}
    lower = {}
    n = 0
    paths = []
    for root, _, files in os.walk(args.corpus):
        for f in files:
            if f.endswith((".md", ".txt")):
                paths.append(os.path.join(root, f))
    paths.sort()
    for p in paths:
        with open(p, encoding="utf-8", errors="replace") as fh:
            text = body(fh.read())
        n += 1
        seen = set()
        for m in TOKEN.finditer(text):
            raw = m.group(0).strip(".")
            if not raw or not any(c.isalpha() for c in raw):
                continue
            w = raw.lower()
            seen.add(w)
            if raw.isupper() and len(raw) > 1:
                continue
            before = text[max(0, m.start() - 12) : m.start()]
            if OPENER.search(before) or m.start() == 0:
                continue
            if raw[0].isupper():
                capital[w] = capital.get(w, 0) + 1
            else:
                lower[w] = lower.get(w, 0) + 1
        for w in seen:
            docs[w] = docs.get(w, 0) + 1
    out = sys.stdout
    out.write(f"# documents\t{n}\n")
    rows = [(d, w) for w, d in docs.items() if d >= args.min_docs]
    rows.sort(key=lambda r: (-r[0], r[1]))
    for d, w in rows:
        c = capital.get(w, 0)
        total = c + lower.get(w, 0)
        share = round(1000 * c / total) if total else 1000
        out.write(f"{w}\t{d}\t{share}\n")


if __name__ == "__main__":
    main()
