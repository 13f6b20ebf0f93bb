#!/usr/bin/env python3
"""Render the document fixtures: PDFs as offices publish them and a letter photographed page by page.

    python3 scripts/render_documents.py [--out Fixtures/documents] [--shared ../shared]

Writes, each with a `<name>.gt.txt` (lines in reading order, pages one after another):
- `letter004-digital.pdf`: seed 004 laid out as a letter (scripts/render.py) and written as a
  born-digital PDF (fpdf2, Liberation Serif embedded, real text), the way a word processor
  exports it. Its text layer is the truth.
- `letter001-englishocr.pdf`: the scan-like pages of seed 001 (Fixtures/letter001-scan-p*.png)
  run through `tesseract -l eng … pdf`: page images under an invisible text layer made by an
  English-model OCR (`UBND THANH PHO…`), as many archives hold them.
- `letter004-photo_001.jpg` … `_003.jpg`: seed 004 in another font and size, each page a grey
  JPEG as a phone or office scanner makes them (one image per page).
Deterministic except for the Tesseract PDF, whose bytes depend on the Tesseract version.
Needs Pillow, fpdf2 (`pip install pillow fpdf2`), fonts-liberation2 and tesseract-ocr-eng.
"""
from __future__ import annotations

import argparse
import glob
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import render  # noqa: E402
from letter_text import parse_letter  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
FIXED_DATE = "D:20200101000000Z"


def load_letter(shared: str, pattern: str):
    paths = sorted(glob.glob(os.path.join(shared, pattern)))
    if not paths:
        raise SystemExit(f"render_documents: no seed matches {os.path.join(shared, pattern)}")
    with open(paths[0], encoding="utf-8") as fh:
        return parse_letter(unicodedata.normalize("NFC", fh.read()))


def write_gt(path: str, lines: list[str]):
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")


def born_digital(pages, style: render.Style, path: str):
    """The pages' drawing operations as a PDF with real text (fonts embedded as subsets)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.set_creation_date(__import__("datetime").datetime(2020, 1, 1, tzinfo=__import__("datetime").timezone.utc))
    pdf.set_creator("render_documents.py")
    pdf.set_producer("fpdf2")
    pdf.set_title("CongVan fixture letter004-digital")
    pdf.set_auto_page_break(False)
    pdf.set_margin(0)
    fonts = {}
    scale = 72.0 / style.dpi
    for page in pages:
        pdf.add_page()
        for op in page.ops:
            if op[0] == "text":
                _, x, base, text, font = op
                key = os.path.basename(font.path)
                if key not in fonts:
                    fonts[key] = f"f{len(fonts)}"
                    pdf.add_font(fonts[key], "", font.path)
                pdf.set_font(fonts[key], size=font.size * scale)
                pdf.text(x * scale, base * scale, text)
            else:
                _, x0, y, x1, thick = op
                pdf.set_fill_color(0)
                pdf.rect(x0 * scale, y * scale, (x1 - x0) * scale, thick * scale, style="F")
    pdf.output(path)


def english_ocr_pdf(images: list[str], path: str):
    """Tesseract's own PDF renderer with the English model: image pages, invisible text."""
    with tempfile.TemporaryDirectory() as tmp:
        listing = os.path.join(tmp, "pages.txt")
        with open(listing, "w") as fh:
            fh.write("\n".join(os.path.abspath(p) for p in images) + "\n")
        base = os.path.join(tmp, "out")
        subprocess.run(["tesseract", listing, base, "-l", "eng", "pdf"], check=True, capture_output=True,
                       env=dict(os.environ, OMP_THREAD_LIMIT="1"))
        data = open(base + ".pdf", "rb").read()
    # Fixed dates, so a rerun with the same Tesseract writes the same bytes (same length: the
    # cross-reference offsets stay right).
    data = re.sub(rb"/CreationDate \((D:\d{14})", b"/CreationDate (" + FIXED_DATE[:16].encode(), data)
    with open(path, "wb") as fh:
        fh.write(data)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=os.path.join(ROOT, "Fixtures", "documents"))
    ap.add_argument("--fixtures", default=os.path.join(ROOT, "Fixtures"))
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    a = ap.parse_args(argv)
    os.makedirs(a.out, exist_ok=True)

    letter004 = load_letter(a.shared, "seeds/004*.txt")
    style = render.Style(font="liberation-serif", size=14.0, dpi=300)
    pages = render.render_letter(letter004, style)
    born_digital(pages, style, os.path.join(a.out, "letter004-digital.pdf"))
    write_gt(os.path.join(a.out, "letter004-digital.gt.txt"), [line for p in pages for line in p.lines])

    scans = sorted(glob.glob(os.path.join(a.fixtures, "letter001-scan-p*.png")))
    english_ocr_pdf(scans, os.path.join(a.out, "letter001-englishocr.pdf"))
    lines = []
    for s in scans:
        with open(s[:-4] + ".gt.txt", encoding="utf-8") as fh:
            lines += fh.read().splitlines()
    write_gt(os.path.join(a.out, "letter001-englishocr.gt.txt"), lines)

    photo = render.Style(font="noto-serif", size=13.0, dpi=150)
    pages = render.render_letter(letter004, photo)
    for k, page in enumerate(pages, 1):
        img = render.degrade(page.image, render.Degrade(rotate=0.4, blur=0.5, noise=3, contrast=0.9,
                                                        brightness=0.95), seed=200 + k, dpi=photo.dpi)
        name = f"letter004-photo_{k:03d}"
        img.save(os.path.join(a.out, name + ".jpg"), "JPEG", quality=60, dpi=(photo.dpi, photo.dpi))
        write_gt(os.path.join(a.out, name + ".gt.txt"), page.lines)
    total = sum(os.path.getsize(os.path.join(a.out, f)) for f in os.listdir(a.out))
    print(f"{len(os.listdir(a.out))} files in {a.out}, {total / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
