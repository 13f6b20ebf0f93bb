#!/usr/bin/env python3
"""Aligned (truth line, Tesseract line) pairs for training and evaluating the restoration channel.

    python3 scripts/ocr_pairs.py --out .cache/pairs [--pages-train 150 --pages-heldout 25 --jobs 2 --seed 1]

Renders A4 pages of corpus prose (scripts/render.py) with varied fonts, sizes, dpi and scan
degradations, OCRs every page with `tesseract -l eng` (kind "eng": diacritics stripped, letters
mangled) and `tesseract -l vie` (kind "vie": tone slips), and aligns OCR lines to the rendered
truth lines. Held-out rule (shared with the LM builder): line N (1-based) of
phapdien-diepxuan.txt is held out iff N % 100 == 0. Training pages use only the other lines, plus
dvhcvn-resolutions.txt and the clean seeds 001/004; held-out pages use only held-out lines.

Writes into --out: {eng,vie}-{train,heldout}.tsv (header `font size dpi mode degrade truth ocr`,
UTF-8, NFC, no quoting; fields never contain tabs or newlines), the scorer packs
{eng,vie,stripped}-heldout.in.txt + .gold.tsv, and pages/*.json (one per page; cached, so a rerun
only does unfinished pages).
"""
from __future__ import annotations

import argparse
import glob
import hashlib
import json
import multiprocessing as mp
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from difflib import SequenceMatcher

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import render  # noqa: E402
from letter_text import parse_letter  # noqa: E402

SHARED = os.environ.get("CONGVAN_SHARED", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared"))
PHAPDIEN = "data/corpus/legal/phapdien-diepxuan.txt"
DVHCVN = "data/corpus/legal/dvhcvn-resolutions.txt"
SEED_GLOBS = ("seeds/001*.txt", "seeds/004*.txt")
VERSION = 1  # bump when rendering or alignment changes, to invalidate cached pages

FONTS = sorted(render.FONT_FILES)
SIZES = [12.0, 12.5, 13.0, 13.5, 14.0]
DPIS = [150, 200, 300]
KINDS = ("eng", "vie")
MIN_SIMILARITY = 0.6   # folded similarity below which a line pair is not trusted
PAGE_WORDS = 650       # words handed to the renderer per page (more than fit; the rest is cut)


def is_heldout(line_number: int) -> bool:
    """The project-wide held-out rule for phapdien-diepxuan.txt (1-based line numbers)."""
    return line_number % 100 == 0


# ---------------------------------------------------------------- text selection

_NON_ASCII_TOKEN = re.compile(r"\S*[^\x00-\x7f\s]\S*")
_DIGIT_TOKEN = re.compile(r"\S*\d\S*")
_LETTERLESS_TOKEN = re.compile(r"(?<!\S)[^\sA-Za-z\u00c0-\u1ef9]+(?!\S)")


def fold(s: str) -> str:
    """Lower case without diacritics (đ → d): eng OCR output is compared to truth in this space."""
    s = unicodedata.normalize("NFD", s.lower().replace("đ", "d"))
    return "".join(c for c in s if unicodedata.category(c) != "Mn")


def strip_diacritics(s: str) -> str:
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in s if unicodedata.category(c) != "Mn"))


def is_prose(line: str) -> bool:
    """Ordinary sentences: 15–120 words, few digit/code tokens, mostly Vietnamese words."""
    if any(c in line for c in "|?\t") or line.startswith("("):
        return False
    n = len(line.split())
    if not 15 <= n <= 120:
        return False
    # Whole-line regex counts: this runs over 400k corpus lines.
    return (len(_NON_ASCII_TOKEN.findall(line)) >= 0.3 * n and len(_DIGIT_TOKEN.findall(line)) <= 0.12 * n
            and len(_LETTERLESS_TOKEN.findall(line)) <= 0.1 * n)


class _Coverage:
    """Characters every font (regular and bold) draws; paragraphs with others are skipped."""

    def __init__(self):
        self.ok: dict[str, bool] = {}

    def __call__(self, text: str) -> bool:
        for c in set(text):
            if c not in self.ok:
                self.ok[c] = all(not render.missing_chars(f, c, b) for f in FONTS for b in (False, True))
            if not self.ok[c]:
                return False
        return True


def _read_lines(path: str) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        return [unicodedata.normalize("NFC", l.strip()) for l in fh]


class Texts:
    """Corpus lines by role. Training prose is filtered lazily (only where pages are drawn):
    filtering all 400k lines up front would dominate a small run."""

    def __init__(self, shared: str):
        self.covered = _Coverage()
        self.phapdien = _read_lines(os.path.join(shared, PHAPDIEN))
        # index i holds 1-based line number i + 1
        self.heldout = [l for i, l in enumerate(self.phapdien)
                        if is_heldout(i + 1) and is_prose(l) and self.covered(l)]
        self.dvhcvn = [l for l in _read_lines(os.path.join(shared, DVHCVN)) if is_prose(l) and self.covered(l)]
        self.seeds = []
        for g in SEED_GLOBS:
            for path in sorted(glob.glob(os.path.join(shared, g))):
                with open(path, encoding="utf-8") as fh:
                    self.seeds.append(unicodedata.normalize("NFC", fh.read()))

    def training_run(self, start: int, words: int) -> list[str]:
        """Consecutive training prose from phapdien line index `start` (wrapping), ≥ `words` words."""
        out, n, i = [], 0, start
        while n < words:
            line = self.phapdien[i % len(self.phapdien)]
            if not is_heldout(i % len(self.phapdien) + 1) and is_prose(line) and self.covered(line):
                out.append(line); n += len(line.split())
            i += 1
        return out


# ---------------------------------------------------------------- page plans

def _take(paras: list[str], start: int, words: int) -> list[str]:
    out, n, i = [], 0, start
    while n < words and i < len(paras):
        out.append(paras[i]); n += len(paras[i].split()); i += 1
    return out


def _style_and_degrade(rng: random.Random):
    style = render.Style(
        font=rng.choice(FONTS), size=rng.choice(SIZES), dpi=rng.choices(DPIS, [3, 4, 3])[0],
        line_spacing=round(rng.uniform(1.15, 1.5), 2), para_space=rng.choice([0.0, 3.0, 6.0]),
        indent_cm=rng.choice([0.0, 1.0, 1.27]), justify=rng.random() < 0.7)
    strength = 0.0 if rng.random() < 0.2 else rng.uniform(0.4, 1.6)
    return style, render.random_degrade(rng, strength)


def plan_pages(n_train: int, n_held: int, seed: int, texts: Texts) -> list[dict]:
    held, dvhcvn, seeds = texts.heldout, texts.dvhcvn, texts.seeds
    plans = []
    for i in range(n_train):
        rng = random.Random(f"{seed}:train:{i}")
        style, deg = _style_and_degrade(rng)
        r = rng.random()
        plan = {"split": "train", "index": i, "style": vars(style) | {"margins_cm": list(style.margins_cm)},
                "degrade": vars(deg), "noise_seed": rng.randrange(1 << 30)}
        if r < 0.06 and seeds:      # a page of a real letter, header/footer included
            plan |= {"source": "seed", "letter": rng.choice(seeds), "page": rng.randrange(8)}
        elif r < 0.16 and dvhcvn:
            plan |= {"source": "dvhcvn", "paragraphs": _take(dvhcvn, rng.randrange(len(dvhcvn)), PAGE_WORDS)}
        else:
            plan |= {"source": "phapdien", "paragraphs": texts.training_run(rng.randrange(len(texts.phapdien)), PAGE_WORDS)}
        plans.append(plan)
    # Held-out pages walk through the held-out paragraphs in a seeded order, without reuse.
    order = list(range(len(held)))
    random.Random(f"{seed}:heldout-order").shuffle(order)
    pos = 0
    for i in range(n_held):
        rng = random.Random(f"{seed}:heldout:{i}")
        style, deg = _style_and_degrade(rng)
        paras, n = [], 0
        while n < PAGE_WORDS and pos < len(order):
            paras.append(held[order[pos]]); n += len(paras[-1].split()); pos += 1
        plans.append({"split": "heldout", "index": i, "style": vars(style) | {"margins_cm": list(style.margins_cm)},
                      "degrade": vars(deg), "noise_seed": rng.randrange(1 << 30),
                      "source": "phapdien-heldout", "paragraphs": paras})
    for p in plans:
        p["key"] = hashlib.sha256(json.dumps([VERSION, p], ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:16]
    return plans


# ---------------------------------------------------------------- one page: render, OCR, align

def render_plan(plan: dict):
    st = plan["style"]
    style = render.Style(**(st | {"margins_cm": tuple(st["margins_cm"])}))
    if plan["source"] == "seed":
        pages = render.render_letter(parse_letter(plan["letter"]), style)
        page = pages[plan["page"] % len(pages)]
    else:
        page = render.render_document(plan["paragraphs"], style, max_pages=1)[0]
    deg = render.Degrade(**plan["degrade"])
    return render.degrade(page.image, deg, seed=plan["noise_seed"], dpi=style.dpi), page.lines, style, deg


def tesseract(image_path: str, lang: str, dpi: int) -> str:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    r = subprocess.run(["tesseract", image_path, "stdout", "-l", lang, "--dpi", str(dpi)],
                       capture_output=True, env=env)
    if r.returncode != 0:
        raise RuntimeError(f"tesseract -l {lang} failed on {image_path}: {r.stderr.decode(errors='replace').strip()}")
    return r.stdout.decode("utf-8", errors="replace")


def align(truth: list[str], ocr: list[str], min_sim: float = MIN_SIMILARITY):
    """Monotone one-to-one line alignment maximising total folded similarity.

    Returns [(truth_index, ocr_index, similarity)]; pairs below min_sim or with very different
    lengths are never matched, so split/merged/garbage lines drop out."""
    ft = [fold(t) for t in truth]
    fo = [fold(o) for o in ocr]
    n, m = len(ft), len(fo)
    sim = [[0.0] * m for _ in range(n)]
    for i in range(n):
        for j in range(m):
            a, b = ft[i], fo[j]
            if not a or not b or not 0.6 <= len(b) / len(a) <= 1.6:
                continue
            sm = SequenceMatcher(None, a, b, autojunk=False)
            if sm.real_quick_ratio() < min_sim or sm.quick_ratio() < min_sim:
                continue
            r = sm.ratio()
            if r >= min_sim:
                sim[i][j] = r
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            v = max(best[i + 1][j], best[i][j + 1])
            if sim[i][j]:
                v = max(v, sim[i][j] + best[i + 1][j + 1])
            best[i][j] = v
    out, i, j = [], 0, 0
    while i < n and j < m:
        if sim[i][j] and best[i][j] == sim[i][j] + best[i + 1][j + 1]:
            out.append((i, j, round(sim[i][j], 4))); i += 1; j += 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return out


def ocr_lines(text: str) -> list[str]:
    """Non-blank OCR lines as written, trailing whitespace trimmed, NFC, tabs made spaces (TSV)."""
    return [unicodedata.normalize("NFC", l.rstrip()).replace("\t", " ") for l in text.split("\n") if l.strip()]


def do_page(args) -> dict:
    plan, out_dir, keep_images = args
    path = os.path.join(out_dir, "pages", f"{plan['split']}-{plan['index']:04d}.json")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as fh:
            done = json.load(fh)
        if done.get("key") == plan["key"]:
            done["cached"] = True
            return done
    t0 = time.time()
    img, truth, style, deg = render_plan(plan)
    img_dir = os.path.join(out_dir, "images") if keep_images else tempfile.mkdtemp(prefix="ocrpairs-")
    os.makedirs(img_dir, exist_ok=True)
    img_path = os.path.join(img_dir, f"{plan['split']}-{plan['index']:04d}.png")
    render.save_png(img, img_path, style.dpi)
    result = {"key": plan["key"], "split": plan["split"], "index": plan["index"], "source": plan["source"],
              "font": style.font, "size": style.size, "dpi": style.dpi, "mode": "bw" if deg.bw else "grey",
              "degrade": deg.describe(), "truth": truth, "ocr": {}}
    try:
        for kind in KINDS:
            lines = ocr_lines(tesseract(img_path, kind, style.dpi))
            result["ocr"][kind] = {"lines": lines, "pairs": align(truth, lines)}
    finally:
        if not keep_images:
            shutil.rmtree(img_dir, ignore_errors=True)
    result["seconds"] = round(time.time() - t0, 2)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(result, fh, ensure_ascii=False)
    os.replace(tmp, path)
    return result


# ---------------------------------------------------------------- outputs

HEADER = "font\tsize\tdpi\tmode\tdegrade\ttruth\tocr\n"


def write_outputs(results: list[dict], out_dir: str) -> dict:
    counts = {}
    results = sorted(results, key=lambda r: (r["split"], r["index"]))
    for split in ("train", "heldout"):
        for kind in KINDS:
            rows = []
            for r in results:
                if r["split"] != split:
                    continue
                for ti, oi, _ in r["ocr"][kind]["pairs"]:
                    rows.append((r, r["truth"][ti], r["ocr"][kind]["lines"][oi]))
            with open(os.path.join(out_dir, f"{kind}-{split}.tsv"), "w", encoding="utf-8") as fh:
                fh.write(HEADER)
                for r, t, o in rows:
                    fh.write(f"{r['font']}\t{r['size']:g}\t{r['dpi']}\t{r['mode']}\t{r['degrade']}\t{t}\t{o}\n")
            counts[f"{kind}-{split}"] = len(rows)
            if split == "heldout":
                _write_pack(out_dir, kind, [(o, t) for _, t, o in rows])
    held_truth = [t for r in results if r["split"] == "heldout" for t in r["truth"]]
    _write_pack(out_dir, "stripped", [(strip_diacritics(t), t) for t in held_truth])
    counts["stripped-heldout"] = len(held_truth)
    return counts


def _write_pack(out_dir: str, name: str, pairs: list[tuple[str, str]]):
    with open(os.path.join(out_dir, f"{name}-heldout.in.txt"), "w", encoding="utf-8") as fin, \
         open(os.path.join(out_dir, f"{name}-heldout.gold.tsv"), "w", encoding="utf-8") as fgold:
        for n, (inp, gold) in enumerate(pairs, 1):
            fin.write(inp + "\n")
            fgold.write(f"{n}\t{gold}\n")


def check_tesseract():
    if shutil.which("tesseract") is None:
        raise SystemExit("ocr_pairs: tesseract not found; install the Debian package tesseract-ocr")
    langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout.split()
    for kind in KINDS:
        if kind not in langs:
            raise SystemExit(f"ocr_pairs: tesseract has no '{kind}' model; install tesseract-ocr-{kind}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--pages-train", type=int, default=150)
    ap.add_argument("--pages-heldout", type=int, default=25)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--shared", default=SHARED, help="the project's shared data directory")
    ap.add_argument("--keep-images", action="store_true", help="keep the rendered PNGs in OUT/images")
    a = ap.parse_args(argv)
    check_tesseract()
    t0 = time.time()
    for rel in (PHAPDIEN, DVHCVN):
        if not os.path.exists(os.path.join(a.shared, rel)):
            raise SystemExit(f"ocr_pairs: {os.path.join(a.shared, rel)} not found (set --shared)")
    texts = Texts(a.shared)
    print(f"corpus: {len(texts.phapdien)} phapdien lines, {len(texts.heldout)} held-out prose paragraphs, "
          f"{len(texts.dvhcvn)} dvhcvn prose paragraphs, {len(texts.seeds)} seed letters "
          f"({time.time() - t0:.1f}s)", flush=True)
    plans = plan_pages(a.pages_train, a.pages_heldout, a.seed, texts)
    os.makedirs(os.path.join(a.out, "pages"), exist_ok=True)
    results, fresh = [], 0
    work = [(p, a.out, a.keep_images) for p in plans]
    with mp.Pool(a.jobs) as pool:
        for k, r in enumerate(pool.imap_unordered(do_page, work), 1):
            results.append(r)
            if not r.get("cached"):
                fresh += 1
                print(f"[{k}/{len(plans)}] {r['split']}-{r['index']:04d} {r['font']} {r['size']:g}pt "
                      f"{r['dpi']}dpi {r['mode']} {r['degrade']}: {len(r['truth'])} lines, aligned "
                      + ", ".join(f"{kd} {len(r['ocr'][kd]['pairs'])}" for kd in KINDS)
                      + f" ({r['seconds']}s)", flush=True)
    counts = write_outputs(results, a.out)
    for split in ("train", "heldout"):
        rs = [r for r in results if r["split"] == split]
        truth = sum(len(r["truth"]) for r in rs)
        for kind in KINDS:
            got = counts[f"{kind}-{split}"]
            print(f"{kind}-{split}: {len(rs)} pages, {truth} truth lines, {got} aligned, {truth - got} dropped")
    print(f"stripped-heldout: {counts['stripped-heldout']} lines")
    print(f"pages rendered+OCR'd this run: {fresh} (cached: {len(results) - fresh}); "
          f"time {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
