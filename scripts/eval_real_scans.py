#!/usr/bin/env python3
"""Restoration on real scans: the four letters in ../shared/data/real-scans read by Tesseract's
English model (the seeds' kind of garble) and by `congvan ocr` (Vietnamese model), each restored
by `congvan restore` and, for the English reading, by pyvi's add_accents when it is installed.

Score: the share of the ground truth's word tokens found, exactly, in order, in the output (the
longest common subsequence of the two token lists over the truth's length). OCR lines do not
align with the truth's lines, so score_restore.py cannot be used; what OCR loses (stamps,
interleaved blocks) counts against every column alike.

usage: python3 scripts/eval_real_scans.py [--bin .build/release/congvan] [--shared ../shared]
"""
import argparse, difflib, os, re, subprocess, unicodedata

ap = argparse.ArgumentParser()
ap.add_argument("--bin", default=".build/release/congvan")
ap.add_argument("--shared", default="../shared")
a = ap.parse_args()
scans = os.path.join(a.shared, "data/real-scans")
work = ".cache/eval/real-scans"
os.makedirs(work, exist_ok=True)
try:
    from pyvi import ViUtils
except ImportError:
    ViUtils = None

def tokens(text):
    return re.findall(r"\w+", unicodedata.normalize("NFC", text))

def found(hypothesis, truth):
    blocks = difflib.SequenceMatcher(None, tokens(hypothesis), truth, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks)

def run(*args):
    return subprocess.run(args, capture_output=True, text=True, env=dict(os.environ, OMP_THREAD_LIMIT="1")).stdout

def pyvi(text):
    out = []
    for line in text.split("\n"):
        try:
            out.append(ViUtils.add_accents(line) if line.strip() else line)
        except Exception:  # pyvi raises on some lines; keep them as they were
            out.append(line)
    return "\n".join(out)

columns = ["eng OCR", "+ pyvi", "+ congvan restore", "congvan ocr (vie)", "+ congvan restore"]
totals = [0] * len(columns)
size = 0
print(f"{'scan':28s} {'tokens':>6s}  " + "  ".join(f"{c:>17s}" for c in columns))
for name in sorted(f[:-7] for f in os.listdir(scans) if f.endswith(".gt.txt")):
    truth = tokens(open(os.path.join(scans, name + ".gt.txt"), encoding="utf-8").read())
    image = os.path.join(scans, name + "_p1.png")
    eng = run("tesseract", image, "stdout", "-l", "eng")
    vie = run(a.bin, "ocr", image)
    texts = [eng, pyvi(eng) if ViUtils else None, None, vie, None]
    for i, source in [(2, eng), (4, vie)]:
        path = os.path.join(work, f"{name}.{i}.in.txt")
        open(path, "w", encoding="utf-8").write(source)
        texts[i] = run(a.bin, "restore", path)
    row = []
    for i, t in enumerate(texts):
        if t is None:
            row.append("—")
            continue
        n = found(t, truth)
        totals[i] += n
        row.append(f"{n / len(truth):.1%}")
    size += len(truth)
    print(f"{name:28s} {len(truth):6d}  " + "  ".join(f"{r:>17s}" for r in row))
print(f"{'all':28s} {size:6d}  " + "  ".join(f"{t / size:>17.1%}" for t in totals))
