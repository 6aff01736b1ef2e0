#!/usr/bin/env python3
"""Builds gold.csv, pairs.csv and agreement.md from the annotations.

Usage: python3 tools/build_gold.py

Inputs:  tools/candidates.jsonl, annotations/batch-*.csv (the first annotation),
         annotations/second.csv (the second, independent annotation of a sample),
         annotations/adjudicated.csv (optional: cid,stance,point,actor,government,date,note
         rows that replace the first annotation's rows for a cid after adjudication).
Outputs: gold.csv (EVAL.md section 3: the points), pairs.csv (every judged
         question-sentence pair, points or not: the training and test pairs of a
         learned judge), agreement.md (Cohen's kappa per label, first against second).
Checks:  every candidate judged; every quote occurs exactly once in its file
         (a sentence that occurs twice is extended by its neighbours until it is unique).
"""
import csv
import glob
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
STANCES = {"support", "oppose", "neutral", "none"}
# Governments without an ISO 3166 code, as the actor pack writes them: the
# annotators wrote the European Union both `EUU` and `EUR` (README.md).
GOVERNMENT_CODES = {"EUU": "EUR"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_rows(path):
    rows = []
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            r = {k.strip(): (v or "").strip() for k, v in r.items() if k}
            if not r.get("cid"):
                continue
            r["stance"] = r.get("stance", "").lower()
            r["point"] = "yes" if r.get("point", "").lower() in ("yes", "y", "true", "1") else "no"
            if r["stance"] == "none":
                r["point"] = "no"
            rows.append(r)
    return rows


def label(rows):
    """One label per candidate for agreement: the stance of its first point, else its
    first stance, else none."""
    pts = [r for r in rows if r["point"] == "yes"]
    if pts:
        return pts[0]["stance"]
    st = [r["stance"] for r in rows if r["stance"] != "none"]
    return st[0] if st else "none"


def kappa(pairs, labels):
    n = len(pairs)
    if n == 0:
        return {}
    out = {}
    po = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    pe = sum(ca[l] * cb[l] for l in labels) / (n * n)
    out["all"] = (po - pe) / (1 - pe) if pe < 1 else 1.0
    for l in labels:
        bp = [(a == l, b == l) for a, b in pairs]
        po = sum(x == y for x, y in bp) / n
        pa = sum(x for x, _ in bp) / n
        pb = sum(y for _, y in bp) / n
        pe = pa * pb + (1 - pa) * (1 - pb)
        out[l] = (po - pe) / (1 - pe) if pe < 1 else 1.0
    return out


def main():
    cands = {}
    for line in open(HERE / "candidates.jsonl", encoding="utf-8"):
        c = json.loads(line)
        if len(c["text"]) > 1500:  # unjudged lists (tools/batches.py)
            continue
        cands[c["cid"]] = c
    first = defaultdict(list)
    for p in sorted(glob.glob(str(ROOT / "annotations" / "batch-*.csv"))):
        for r in read_rows(p):
            r["batch"] = Path(p).stem
            first[r["cid"]].append(r)
    adj_path = ROOT / "annotations" / "adjudicated.csv"
    if adj_path.exists():
        adj = defaultdict(list)
        for r in read_rows(adj_path):
            r["batch"] = "adjudicated"
            adj[r["cid"]].append(r)
        first.update(adj)
    problems = []
    missing = [cid for cid in cands if cid not in first]
    unknown = [cid for cid in first if cid not in cands]
    if missing:
        problems.append(f"{len(missing)} candidates not judged (first: {missing[:3]})")
    if unknown:
        problems.append(f"{len(unknown)} annotated ids are not candidates ({unknown[:3]})")
    texts = {}

    def text_of(rel):
        if rel not in texts:
            texts[rel] = (ROOT / rel).read_text(encoding="utf-8")
        return texts[rel]

    gold, pairs = [], []
    for cid, c in cands.items():
        rows = first.get(cid, [])
        for r in rows:
            if r["stance"] not in STANCES:
                problems.append(f"{cid}: stance {r['stance']!r}")
                continue
        lab = label(rows) if rows else ""
        point_rows = [r for r in rows if r["point"] == "yes" and r["stance"] in STANCES]
        pairs.append({
            "cid": cid, "question": c["question"], "file": c["file"],
            "start": c["start"], "end": c["end"], "doc_kind": c["doc_kind"],
            "label": lab, "points": len(point_rows),
            "batch": rows[0]["batch"] if rows else "",
        })
        if not point_rows:
            continue
        text = text_of(c["file"])
        s, e = c["start"], c["end"]
        quote = text[s:e]
        while text.count(quote) > 1 and e < len(text):
            e = min(len(text), e + 40)
            quote = text[s:e]
        for r in point_rows:
            if not r.get("actor") or not re.match(r"^[A-Z]{3,4}$", r.get("government", "")) \
                    or not DATE.match(r.get("date", "")):
                problems.append(f"{cid}: point without actor/government/date: {r}")
                continue
            gold.append({
                "question": c["question"], "date": r["date"], "actor": r["actor"],
                "government": GOVERNMENT_CODES.get(r["government"], r["government"]),
                "stance": r["stance"],
                "evidence_file": c["file"], "evidence_quote": quote,
                "note": r.get("note", ""),
            })
    with open(ROOT / "gold.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["question", "date", "actor", "government", "stance",
                                          "evidence_file", "evidence_quote", "note"])
        w.writeheader()
        w.writerows(gold)
    with open(ROOT / "pairs.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(pairs[0].keys()))
        w.writeheader()
        w.writerows(pairs)
    # Agreement: the second annotation against the first (before adjudication), per
    # round of annotation (second.csv: the first 79 questions; second-2.csv: the 41 added
    # later) and over both.
    first_raw = defaultdict(list)
    for p in sorted(glob.glob(str(ROOT / "annotations" / "batch-*.csv"))):
        for r in read_rows(p):
            first_raw[r["cid"]].append(r)
    rounds = []
    for name, fn in [("round 1", "second.csv"), ("round 2", "second-2.csv"),
                     ("round 3", "second-3.csv"), ("round 4", "second-4.csv"),
                     ("round 5", "second-5.csv"), ("round 6", "second-6.csv"),
                     ("round 7", "second-7.csv"), ("round 8", "second-8.csv"),
                     ("round 9", "second-9.csv"), ("round 10", "second-10.csv"),
                     ("round 11", "second-11.csv"), ("round 12", "second-12.csv"),
                     ("round 13", "second-13.csv"), ("round 14", "second-14.csv"),
                     ("round 15", "second-15.csv"),
                     ("round 16", "second-16.csv"), ("round 17", "second-17.csv"),
                     ("round 18", "second-18.csv"), ("round 19", "second-19.csv"),
                     ("round 20", "second-20.csv"),
                     ("round 21", "second-21.csv"),
                     ("round 22", "second-22.csv"), ("round 23", "second-23.csv"),
                     ("round 24", "second-24.csv"), ("round 25", "second-25.csv")]:
        sp = ROOT / "annotations" / fn
        if sp.exists():
            sec = defaultdict(list)
            for r in read_rows(sp):
                sec[r["cid"]].append(r)
            rounds.append((f"{name} (`annotations/{fn}`)", sec))
    if len(rounds) > 1:
        merged = defaultdict(list)
        for _, sec in rounds:
            for cid, rows in sec.items():
                merged[cid].extend(rows)
        rounds.append(("all rounds", merged))
    labels = ["support", "oppose", "neutral", "none"]
    k_all = float("nan")
    n_all = 0
    with open(ROOT / "agreement.md", "w") as f:
        f.write("# Agreement between the first and the second annotation\n\n")
        f.write("Samples drawn at random from every batch by `tools/batches.py`; the second "
                "annotator never saw the first labels. Label of a candidate: the stance of its "
                "first point, else its first stance, else none.\n\n")
        for name, second in rounds:
            both = [cid for cid in second if cid in first_raw]
            lab_pairs = [(label(first_raw[c]), label(second[c])) for c in both]
            k = kappa(lab_pairs, labels)
            pt_pairs = [(any(r["point"] == "yes" for r in first_raw[c]),
                         any(r["point"] == "yes" for r in second[c])) for c in both]
            kp = kappa([(str(a), str(b)) for a, b in pt_pairs], ["True", "False"])
            k_all, n_all = k.get("all", float("nan")), len(both)
            f.write(f"## {name}\n\nSample: {len(both)} candidates.\n\n"
                    "| label | first | second | Cohen's kappa (label vs rest) |\n"
                    "| --- | --- | --- | --- |\n")
            ca, cb = Counter(a for a, _ in lab_pairs), Counter(b for _, b in lab_pairs)
            for l in labels:
                f.write(f"| {l} | {ca[l]} | {cb[l]} | {k.get(l, float('nan')):.3f} |\n")
            f.write(f"| all four (multi-class) | | | {k.get('all', float('nan')):.3f} |\n")
            f.write(f"| is a point (yes/no) | {sum(a for a, _ in pt_pairs)} | "
                    f"{sum(b for _, b in pt_pairs)} | {kp.get('True', float('nan')):.3f} |\n\n")
            f.write(f"Raw agreement on the label: "
                    f"{sum(a == b for a, b in lab_pairs)}/{len(lab_pairs)}.\n\n")
            conf = Counter(lab_pairs)
            f.write("Confusion (first → second), disagreements only:\n\n")
            for (a, b), n in sorted(conf.items(), key=lambda x: -x[1]):
                if a != b:
                    f.write(f"- {a} → {b}: {n}\n")
            f.write("\n")
    k = {"all": k_all}
    both = range(n_all)
    print(f"{len(cands)} candidates, {len(pairs)} pairs, {len(gold)} gold points; "
          f"agreement on {len(both)}: kappa {k.get('all', float('nan')):.3f}", file=sys.stderr)
    for p in problems[:30]:
        print("problem:", p, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problems", file=sys.stderr)


if __name__ == "__main__":
    main()
