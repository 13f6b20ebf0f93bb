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
- `letter004-handwritten-<font>.png`: seed 004's first page (200 dpi grey) with its blank number
  and day filled in three handwriting fonts (fonts-dkg-handwriting, fonts-breip,
  fonts-humor-sans), grey ink, tilted: the handwritten-field cases.
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


# Handwriting fonts (Debian packages) and the values "written" into letter 004's blank number and
# day: each page is the letter's first page with the gaps filled by hand, as signed letters are.
HANDWRITING = [
    ("dkg", "/usr/share/fonts/truetype/fifthhorseman/dkg.ttf", "fonts-dkg-handwriting", "115", "17", -4),
    ("breip", "/usr/share/fonts/truetype/breip/Breip.ttf", "fonts-breip", "2046", "09", 3),
    ("humor", "/usr/share/fonts/truetype/humor-sans/Humor-Sans.ttf", "fonts-humor-sans", "608", "5", 5),
]


def gap(ops, label: str):
    """x range (pixels) and baseline of the blank after `label` in the text op that holds it."""
    for op in ops:
        if op[0] == "text" and label in op[3] and "  " in op[3].split(label, 1)[1][:3] + "  ":
            _, x, base, text, font = op
            start = text.index(label) + len(label)
            rest = text[start:]
            end = start + len(rest) - len(rest.lstrip(" "))
            return x + font.getlength(text[:start]), x + font.getlength(text[:end]), base, font.size
    raise SystemExit(f"render_documents: no blank after {label!r}")


def handwritten(letter, out: str):
    """Letter 004's first page with its blank number and day written by hand (grey ink, tilted)."""
    from PIL import Image, ImageDraw, ImageFont

    style = render.Style(font="liberation-serif", size=14.0, dpi=200)
    page = render.render_letter(letter, style)[0]
    for name, path, package, number, day, tilt in HANDWRITING:
        if not os.path.exists(path):
            raise SystemExit(f"render_documents: {path} is missing; apt-get install {package}")
        img = page.image.copy()
        for label, value in (("Số:", number), ("ngày", day)):
            x0, x1, base, size = gap(page.ops, label)
            # As large as a hand writes it, but within the blank (a person writes into the gap).
            scale = 1.35
            while scale > 0.5 and ImageFont.truetype(path, int(size * scale)).getlength(value) > 0.9 * (x1 - x0):
                scale -= 0.05
            font = ImageFont.truetype(path, int(size * scale))
            w = font.getlength(value)
            layer = Image.new("L", (int(w + 2 * size), int(size * 3)), 0)
            ImageDraw.Draw(layer).text((size, size * 2.2), value, font=font, fill=255, anchor="ls")
            layer = layer.rotate(tilt, resample=Image.Resampling.BICUBIC)
            ink = Image.new("L", layer.size, 70)
            left = int((x0 + x1) / 2 - layer.size[0] / 2)
            top = int(base - size * 2.2 - size * 0.15)
            img.paste(ink, (left, top), layer)
        img = render.degrade(img, render.Degrade(rotate=0.3, blur=0.5, noise=3), seed=300, dpi=style.dpi)
        img = img.point(lambda v: (v >> 4) * 17)  # 16 grey levels: a scan's look at a fraction of the size
        base_name = f"letter004-handwritten-{name}"
        img.save(os.path.join(out, base_name + ".png"), "PNG", optimize=True, dpi=(style.dpi, style.dpi))
        lines = []
        for line in page.lines:
            if line.startswith("Số: /"):
                line = "Số: " + number + line[len("Số: "):]
            elif " ngày tháng " in line:
                line = line.replace(" ngày tháng ", f" ngày {day} tháng ")
            lines.append(line)
        write_gt(os.path.join(out, base_name + ".gt.txt"), lines)


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
    handwritten(letter004, a.out)
    total = sum(os.path.getsize(os.path.join(a.out, f)) for f in os.listdir(a.out))
    print(f"{len(os.listdir(a.out))} files in {a.out}, {total / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
