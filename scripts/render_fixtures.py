#!/usr/bin/env python3
"""Render the OCR-stage fixtures from the clean seed letters 001 and 004 into Fixtures/.

    python3 scripts/render_fixtures.py [--out Fixtures] [--shared ../shared] [--check]

For each letter: every page clean (300 dpi, 1-bit) and scan-like (300 dpi, 1-bit, rotated,
blurred, noisy), page 1 as a grey scan (200 dpi, 16 grey levels), and pages 1–2 of letter 004 as a
2-page TIFF (CCITT G4) and a 2-page PDF. Every image has a `<name>.gt.txt` with its lines in reading
order (header: issuer block, then motto block; footer: Nơi nhận, then signature). MANIFEST.tsv
lists every file with its settings. Deterministic: rerunning rewrites identical files.
--check OCRs the clean and grey pages with `tesseract -l vie` and prints character error rates.
"""
from __future__ import annotations

import argparse
import glob
import os
import subprocess
import sys
import time
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import render  # noqa: E402
from letter_text import parse_letter  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")

# name, seed file glob, style, scan degradation
LETTERS = [
    ("letter001", "seeds/001*.txt", render.Style(font="liberation-serif", size=13.0, dpi=300),
     render.Degrade(rotate=0.6, blur=0.9, noise=10, contrast=0.9, bw=True, threshold=150)),
    ("letter004", "seeds/004*.txt", render.Style(font="liberation-serif", size=14.0, dpi=300),
     render.Degrade(rotate=-0.8, blur=0.8, noise=12, brightness=0.97, bw=True, threshold=150)),
]
GREY = render.Degrade(rotate=-0.5, blur=0.8, noise=4, contrast=0.85, brightness=0.96)
GREY_DPI = 200
MULTIPAGE = ("letter004", "clean", 2)  # document, variant, page count of the TIFF/PDF
FIXED_DATE = time.gmtime(1577836800)  # 2020-01-01 UTC: reproducible PDF bytes


def to_1bit(img):
    return img if img.mode == "1" else img.point(lambda v: 255 if v >= 128 else 0).convert("1")


def posterize16(img):
    """16 grey levels: keeps the scan look while the noisy page still compresses well."""
    return img.point(lambda v: (v >> 4) * 17)


def write_gt(path: str, lines: list[str]):
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")


def build(out: str, shared: str) -> list[tuple]:
    os.makedirs(out, exist_ok=True)
    manifest = []
    for name, pattern, style, scan in LETTERS:
        paths = sorted(glob.glob(os.path.join(shared, pattern)))
        if not paths:
            raise SystemExit(f"render_fixtures: no seed matches {os.path.join(shared, pattern)}")
        with open(paths[0], encoding="utf-8") as fh:
            letter = parse_letter(unicodedata.normalize("NFC", fh.read()))
        pages = render.render_letter(letter, style)
        for variant, deg in (("clean", None), ("scan", scan)):
            for k, page in enumerate(pages, 1):
                img = to_1bit(page.image) if deg is None else render.degrade(page.image, deg, seed=k, dpi=style.dpi)
                base = f"{name}-{variant}-p{k}"
                render.save_png(img, os.path.join(out, base + ".png"), style.dpi)
                write_gt(os.path.join(out, base + ".gt.txt"), page.lines)
                manifest.append((base + ".png", os.path.basename(paths[0]), f"{k}/{len(pages)}", style.font,
                                 style.size, style.dpi, "1-bit", deg.describe() if deg else "clean", len(page.lines)))
        grey_style = render.Style(font=style.font, size=style.size, dpi=GREY_DPI)
        gpage = render.render_letter(letter, grey_style)[0]
        img = posterize16(render.degrade(gpage.image, GREY, seed=101, dpi=GREY_DPI))
        base = f"{name}-grey-p1"
        render.save_png(img, os.path.join(out, base + ".png"), GREY_DPI)
        write_gt(os.path.join(out, base + ".gt.txt"), gpage.lines)
        manifest.append((base + ".png", os.path.basename(paths[0]), f"1/{len(pages)}", style.font, style.size,
                         GREY_DPI, "grey-16", GREY.describe(), len(gpage.lines)))

    doc, variant, n = MULTIPAGE
    imgs = [render.Image.open(os.path.join(out, f"{doc}-{variant}-p{k}.png")) for k in range(1, n + 1)]
    lines = []
    for k in range(1, n + 1):
        with open(os.path.join(out, f"{doc}-{variant}-p{k}.gt.txt"), encoding="utf-8") as fh:
            lines += fh.read().splitlines()
    base = f"{doc}-{variant}-p1-{n}"
    dpi = imgs[0].info.get("dpi", (300, 300))
    imgs[0].save(os.path.join(out, base + ".tif"), save_all=True, append_images=imgs[1:],
                 compression="group4", dpi=dpi)
    imgs[0].save(os.path.join(out, base + ".pdf"), save_all=True, append_images=imgs[1:],
                 resolution=float(round(dpi[0])), title=f"CongVan fixture {base}", creator="render_fixtures.py",
                 producer="Pillow", creationDate=FIXED_DATE, modDate=FIXED_DATE)
    write_gt(os.path.join(out, base + ".gt.txt"), lines)
    for ext in ("tif", "pdf"):
        manifest.append((f"{base}.{ext}", "(pages of " + doc + ")", f"1-{n}", "", "", round(dpi[0]), "1-bit",
                         "clean", len(lines)))
    with open(os.path.join(out, "MANIFEST.tsv"), "w", encoding="utf-8") as fh:
        fh.write("file\tseed\tpage\tfont\tsize\tdpi\tcolour\tdegrade\tlines\n")
        for row in manifest:
            fh.write("\t".join(str(x) for x in row) + "\n")
    return manifest


def levenshtein(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def check(out: str, manifest):
    """CER of `tesseract -l vie` per page, two ways: on the whole text (whitespace collapsed, lines
    joined: column merges in header/footer count as errors) and on the lines that align one-to-one
    with the ground truth (recognition errors only)."""
    from ocr_pairs import align, ocr_lines
    tot = [0, 0, 0, 0, 0, 0]
    for row in manifest:
        f = row[0]
        if not f.endswith(".png") or "-scan-" in f:
            continue
        path = os.path.join(out, f)
        r = subprocess.run(["tesseract", path, "stdout", "-l", "vie"], capture_output=True,
                           env=dict(os.environ, OMP_THREAD_LIMIT="1"))
        text = unicodedata.normalize("NFC", r.stdout.decode("utf-8", "replace"))
        with open(path[:-4] + ".gt.txt", encoding="utf-8") as fh:
            gt_lines = fh.read().splitlines()
        gt, ocr = " ".join(" ".join(gt_lines).split()), " ".join(text.split())
        err = levenshtein(gt, ocr)
        lines = ocr_lines(text)
        pairs = align(gt_lines, lines)
        lerr = sum(levenshtein(gt_lines[i], lines[j]) for i, j, _ in pairs)
        llen = sum(len(gt_lines[i]) for i, _, _ in pairs)
        for k, v in enumerate((err, len(gt), lerr, llen, len(pairs), len(gt_lines))):
            tot[k] += v
        print(f"{f:24} text CER {err / len(gt):.4f} ({err}/{len(gt)})   aligned-line CER "
              f"{lerr / max(llen, 1):.4f} ({lerr}/{llen}, {len(pairs)}/{len(gt_lines)} lines)", flush=True)
    print(f"overall: text CER {tot[0] / tot[1]:.4f} ({tot[0]}/{tot[1]}), aligned-line CER "
          f"{tot[2] / tot[3]:.4f} ({tot[2]}/{tot[3]}, {tot[4]}/{tot[5]} lines aligned)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=os.path.join(ROOT, "Fixtures"))
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--check", action="store_true", help="OCR the clean/grey pages and print the CER")
    a = ap.parse_args(argv)
    try:
        manifest = build(a.out, a.shared)
    except (render.RenderError, OSError, ValueError) as e:
        print(f"render_fixtures: {e}", file=sys.stderr)
        return 1
    total = sum(os.path.getsize(os.path.join(a.out, f)) for f in os.listdir(a.out))
    print(f"{len(manifest)} images/documents in {a.out}, {total / 1e6:.2f} MB")
    if a.check:
        check(a.out, manifest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
