#!/usr/bin/env python3
"""Scores `congvan parse` on the extraction development set (eval/extraction/).

Runs the parser on every cached page of the chosen split and compares its (commune, year, status)
facts with the hand-read ones in facts-*.tsv; commune names are compared without case and
diacritics. Prints recall and precision overall and per structure tag, and the header fields
(kind, number, date) of the pages in headers-*.tsv.

    python3 scripts/score_extraction.py --split dev
    python3 scripts/score_extraction.py --split heldout --bin .build/release/congvan
    python3 scripts/score_extraction.py --split dev --show misses   # list what was missed / extra

Pages whose text is not in the cache (.cache/extraction/<id>.txt) are skipped and counted.
"""
import argparse
import csv
import glob
import hashlib
import json
import os
import subprocess
import sys
import unicodedata
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SET = os.path.join(ROOT, "eval", "extraction")
CACHE = os.path.join(ROOT, ".cache", "extraction")


def fold(s):
    """Case, diacritics, apostrophes and spacing do not count: `Đạ K' Nàng` = `Đạ K’nàng`."""
    s = unicodedata.normalize("NFD", s.translate(str.maketrans("đĐðÐ", "dDdD")))
    s = "".join(c for c in s if unicodedata.category(c) != "Mn" and c not in "'’‘`´-")
    return "".join(s.lower().split())


def split_of(url):
    return "heldout" if int(hashlib.sha1(url.encode()).hexdigest()[:8], 16) % 3 == 0 else "dev"


def read_tsv(pattern):
    rows = []
    for path in sorted(glob.glob(os.path.join(SET, pattern))):
        with open(path, encoding="utf-8", newline="") as f:
            rows.extend(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows


def year_text(year, start=None):
    if year is None:
        return ""
    return f"{start}-{year}" if start else str(year)


def predicted_facts(record):
    facts = set()
    for status, key in (("target", "targets"), ("achievement", "achievements")):
        for t in record.get(key) or []:
            for c in t.get("communes") or []:
                y = c.get("year") or t.get("year")
                start = c.get("yearStart") if c.get("year") else t.get("yearStart")
                facts.add((fold(c["name"]), year_text(y, start), status))
    return facts


def parse_page(binary, path):
    out = subprocess.run([binary, "parse", path], capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        return {"error": out.stderr.strip()}
    return json.loads(out.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=["dev", "heldout", "all"], default="dev")
    ap.add_argument("--bin", default=os.path.join(ROOT, ".build", "release", "congvan"))
    ap.add_argument("--show", choices=["none", "misses"], default="none")
    ap.add_argument("--json", help="write the per-page results here")
    args = ap.parse_args()

    pages = read_tsv("pages-*.tsv")
    for p in pages:
        if p["split"] != split_of(p["url"]):
            sys.exit(f"{p['id']}: split column says {p['split']}, the URL's hash says {split_of(p['url'])}")
    chosen = [p for p in pages if args.split == "all" or p["split"] == args.split]
    present = [p for p in chosen if os.path.exists(os.path.join(CACHE, p["id"] + ".txt"))]
    ids = {p["id"] for p in present}
    gold = defaultdict(set)
    tags = {}
    for f in read_tsv("facts-*.tsv"):
        if f["id"] not in ids or not f["year"]:
            continue
        key = (fold(f["commune"]), f["year"].strip(), f["status"].strip())
        gold[f["id"]].add(key)
        tags[(f["id"],) + key] = f

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        records = dict(zip([p["id"] for p in present],
                           pool.map(lambda p: parse_page(args.bin, os.path.join(CACHE, p["id"] + ".txt")), present)))

    tp = fp = fn = 0
    by_tag = defaultdict(lambda: [0, 0])  # tag -> [found, total]
    per_page = {}
    errors = []
    for p in present:
        rec = records[p["id"]]
        if "error" in rec:
            errors.append((p["id"], rec["error"]))
            rec = {}
        pred = predicted_facts(rec)
        g = gold[p["id"]]
        hit, extra, miss = g & pred, pred - g, g - pred
        tp, fp, fn = tp + len(hit), fp + len(extra), fn + len(miss)
        per_page[p["id"]] = {"found": len(hit), "gold": len(g), "extra": sorted(extra), "missed": sorted(miss)}
        for k in g:
            row = tags[(p["id"],) + k]
            for col in ("naming", "linking", "year_source"):
                t = by_tag[f"{col}={row.get(col, '').strip() or '?'}"]
                t[1] += 1
                t[0] += k in pred
            t = by_tag[f"status={k[2]}"]
            t[1] += 1
            t[0] += k in pred
        if args.show == "misses" and (miss or extra):
            print(f"{p['id']} ({p['province']}, {p['kind']}): {len(hit)}/{len(g)} found")
            for m in sorted(miss):
                print(f"   missed {m}")
            for e in sorted(extra):
                print(f"   extra  {e}")

    recall = tp / (tp + fn) if tp + fn else 0.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    print(f"split {args.split}: {len(present)} pages ({len(chosen) - len(present)} not in the cache), "
          f"{tp + fn} facts")
    print(f"(commune, year, status): recall {recall:.3f} ({tp}/{tp + fn}), precision {precision:.3f} ({tp}/{tp + fp})")
    for tag in sorted(by_tag):
        found, total = by_tag[tag]
        print(f"  {tag:32s} recall {found / total:.3f} ({found}/{total})")

    headers = [h for h in read_tsv("headers-*.tsv") if h["id"] in ids]
    if headers:
        right = 0
        for h in headers:
            rec = records[h["id"]]
            got = (rec.get("kind"), rec.get("number"), rec.get("date"))
            want = (h["kind"].strip() or None, h["number"].strip() or None, h["date"].strip() or None)
            ok = all(unicodedata.normalize("NFC", w or "") == unicodedata.normalize("NFC", g or "")
                     for w, g in zip(want, got))
            right += ok
            if not ok and args.show == "misses":
                print(f"header {h['id']}: want {want}, got {got}")
        print(f"headers (kind + number + date all right): {right}/{len(headers)}")
    for pid, err in errors:
        print(f"error {pid}: {err}", file=sys.stderr)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(per_page, f, ensure_ascii=False, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
