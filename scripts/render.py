#!/usr/bin/env python3
"""Deterministic renderer of Vietnamese text onto A4 page images, with exact line ground truth.

Library (import from scripts/):
    pages = render_document(paragraphs, Style(font="liberation-serif", size=13, dpi=300))
    pages = render_letter(letter, Style(...))          # two-block header, Nơi nhận | signature footer
    img   = degrade(page.image, Degrade(rotate=0.5, blur=0.8, noise=8, bw=True), seed=1)
Every Page carries `.image` (PIL, mode "L") and `.lines`: the text of each rendered line, top to
bottom, words joined by one space. Two-column rows list the left column's lines before the right's.

CLI:
    python3 scripts/render.py TEXT.txt --out out/page [--font noto-serif --size 13 --dpi 300]
        [--letter] [--rotate 0.5 --blur 0.8 --noise 8 --contrast 0.9 --brightness 0.95 --jpeg 60 --bw]
    writes out/page-1.png, out/page-1.gt.txt, ... (one paragraph per input line; --letter parses
    the text as a letter, see letter_text.py).
"""
from __future__ import annotations

import argparse
import hashlib
import io
import math
import os
import sys
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from statistics import NormalDist

from PIL import Image, ImageChops, ImageDraw, ImageEnhance, ImageFilter, ImageFont

A4_CM = (21.0, 29.7)

# Family → (regular, bold, italic, bold italic) file names, and the Debian package that ships them.
FONT_FILES = {
    "liberation-serif": ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
                         "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf", "fonts-liberation2"),
    "liberation-sans": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf",
                        "LiberationSans-Italic.ttf", "LiberationSans-BoldItalic.ttf", "fonts-liberation2"),
    "noto-serif": ("NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf",
                   "NotoSerif-Italic.ttf", "NotoSerif-BoldItalic.ttf", "fonts-noto-core"),
    "noto-sans": ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf",
                  "NotoSans-Italic.ttf", "NotoSans-BoldItalic.ttf", "fonts-noto-core"),
    "dejavu-serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf",
                     "DejaVuSerif-Italic.ttf", "DejaVuSerif-BoldItalic.ttf", "fonts-dejavu"),
}
FONT_DIRS = ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/noto",
             "/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype", "/usr/share/fonts")


def _vietnamese_letters() -> str:
    bases = "aăâeêioôơuưy"
    tones = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
    lower = [unicodedata.normalize("NFC", b + t) for b in bases for t in tones] + ["đ"]
    return "".join(lower) + "".join(c.upper() for c in lower)


VIETNAMESE_LETTERS = _vietnamese_letters()  # 134 letters, NFC, both cases
# Characters every supported font must draw (letters plus the punctuation of real letters).
REQUIRED_CHARS = VIETNAMESE_LETTERS + "bcdfghjklmnpqrstvwxzBCDFGHJKLMNPQRSTVWXZ0123456789.,;:!?()/-–“”\"'%"


class RenderError(Exception):
    pass


@lru_cache(maxsize=None)
def font_path(family: str, bold: bool = False, italic: bool = False) -> str:
    if family not in FONT_FILES:
        raise RenderError(f"unknown font {family!r}; choose one of {', '.join(FONT_FILES)}")
    entry = FONT_FILES[family]
    name = entry[(1 if bold else 0) + (2 if italic else 0)]
    for d in FONT_DIRS:
        for root, _, files in os.walk(d):
            if name in files:
                return os.path.join(root, name)
    raise RenderError(f"font file {name} not found; install the Debian package {entry[4]}")


@lru_cache(maxsize=None)
def load_font(family: str, size_px: float, bold: bool = False, italic: bool = False) -> ImageFont.FreeTypeFont:
    # BASIC layout: NFC text needs no shaping, and results do not depend on libraqm being present.
    return ImageFont.truetype(font_path(family, bold, italic), size_px, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=None)
def _missing_glyph_mask(path: str) -> bytes:
    f = ImageFont.truetype(path, 40, layout_engine=ImageFont.Layout.BASIC)
    m = f.getmask("\u0378")  # unassigned code point: always drawn as .notdef
    return bytes(m) + bytes(str(m.size), "ascii")


@lru_cache(maxsize=100_000)
def _has_glyph(path: str, ch: str) -> bool:
    if ch.isspace():
        return True
    f = ImageFont.truetype(path, 40, layout_engine=ImageFont.Layout.BASIC)
    m = f.getmask(ch)
    return bytes(m) + bytes(str(m.size), "ascii") != _missing_glyph_mask(path)


def missing_chars(family: str, text: str, bold: bool = False, italic: bool = False) -> str:
    """Characters of `text` that the font would draw as .notdef boxes (empty when covered)."""
    path = font_path(family, bold, italic)
    return "".join(sorted({c for c in text if not _has_glyph(path, c)}))


def check_fonts(families=None) -> dict[str, str]:
    """Missing required characters per family/style; an empty string means full coverage."""
    out = {}
    for fam in families or FONT_FILES:
        for bold in (False, True):
            for italic in (False, True):
                out[f"{fam}{'-bold' if bold else ''}{'-italic' if italic else ''}"] = \
                    missing_chars(fam, REQUIRED_CHARS, bold, italic)
    return out


@dataclass(frozen=True)
class Style:
    font: str = "liberation-serif"
    size: float = 13.0          # body size in points
    dpi: int = 300
    line_spacing: float = 1.25  # baseline distance as a multiple of the font size
    para_space: float = 6.0     # extra points between paragraphs
    indent_cm: float = 1.0      # first-line indent of body paragraphs
    justify: bool = True
    margins_cm: tuple = (2.0, 2.0, 3.0, 2.0)  # top, bottom, left, right: 16 cm text width on A4
    page_numbers: bool = True   # letter layout: page number centred at the top of pages 2+

    def px(self, cm: float) -> float:
        return cm * self.dpi / 2.54

    def pt(self, points: float) -> float:
        return points * self.dpi / 72.0


@dataclass
class Page:
    image: Image.Image
    lines: list[str]
    # What was drawn, in page pixels: ("text", x, baseline, text, font) and ("rule", x0, y, x1, thickness);
    # render_documents.py writes the same page as a born-digital PDF from these.
    ops: list = field(default_factory=list)


@dataclass
class Letter:
    """A Vietnamese administrative letter, split into the parts that are laid out differently."""
    issuer: list[str]                 # left header block, e.g. ["ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI"]
    number: str = ""                  # "Số: 417 /UBND-NLN" (runs of spaces are drawn as gaps)
    subject: list[str] = field(default_factory=list)   # "V/v ..." text (re-wrapped to the column)
    motto: list[str] = field(default_factory=lambda: ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                                      "Độc lập - Tự do - Hạnh phúc"])
    place_date: str = ""              # "Lào Cai, ngày 07 tháng 02 năm 2020"
    recipients: list[str] = field(default_factory=list)  # items after "Kính gửi:"
    body: list[str] = field(default_factory=list)        # paragraphs
    noi_nhan: list[str] = field(default_factory=list)    # items after "Nơi nhận:"
    signature: list[str] = field(default_factory=list)   # titles, e.g. ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    signer: str = ""


def gt_line(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


# ---------------------------------------------------------------- layout primitives

@dataclass
class _Block:
    """Something placed as a unit: drawing ops relative to its top, and its lines in reading order."""
    height: float
    ops: list = field(default_factory=list)    # ("text", x, baseline, str, font) | ("rule", x0, y, x1, w)
    lines: list = field(default_factory=list)
    space_after: float = 0.0


def _space(font) -> float:
    return font.getlength(" ")


def wrap_words(words: list[str], font, width: float, first_indent: float = 0.0) -> list[list[str]]:
    """Greedy wrap; a word wider than the line gets a line of its own (never split)."""
    lines, cur, cur_w = [], [], 0.0
    sp = _space(font)
    avail = width - first_indent
    for w in words:
        ww = font.getlength(w)
        need = ww if not cur else cur_w + sp + ww
        if cur and need > avail:
            lines.append(cur)
            cur, cur_w, avail = [w], ww, width
        else:
            cur, cur_w = cur + [w], need
    if cur:
        lines.append(cur)
    return lines


def _line_ops(words, font, x0, width, baseline, align, last):
    sp = _space(font)
    widths = [font.getlength(w) for w in words]
    natural = sum(widths) + sp * (len(words) - 1)
    if align == "justify" and not last and len(words) > 1:
        gap = sp + (width - natural) / (len(words) - 1)
        x, ops = x0, []
        for w, ww in zip(words, widths):
            ops.append(("text", x, baseline, w, font))
            x += ww + gap
        return ops
    text = " ".join(words)
    if align == "center":
        x0 += (width - natural) / 2
    elif align == "right":
        x0 += width - natural
    return [("text", x0, baseline, text, font)]


def paragraph_blocks(text, font, style: Style, x0, width, align="justify", indent=0.0,
                     hanging=0.0, line_height=None, space_after=0.0, keep_spaces=False) -> list[_Block]:
    """One block per wrapped line, so a paragraph can break across pages.

    keep_spaces draws a one-line text with its runs of spaces (the blank left for a handwritten
    number or day, "Số:      /UBND"); the ground truth still has single spaces."""
    lh = line_height or font.size * style.line_spacing
    ascent = font.getmetrics()[0]
    baseline = ascent + (lh - font.size) / 2 if lh > font.size else ascent
    raw = " ".join(text.split("\n")).strip()
    if keep_spaces and raw and font.getlength(raw) <= width - indent:
        natural = font.getlength(raw)
        x = x0 + indent + {"center": (width - indent - natural) / 2, "right": width - indent - natural}.get(align, 0)
        return [_Block(lh, [("text", x, baseline, raw, font)], [gt_line(raw)], space_after)]
    words = gt_line(text).split()
    if not words:
        return []
    wrapped = wrap_words(words, font, width - hanging, indent - hanging)
    blocks = []
    for i, ws in enumerate(wrapped):
        lx = x0 + (indent if i == 0 else hanging)
        lw = width - (indent if i == 0 else hanging)
        ops = _line_ops(ws, font, lx, lw, baseline, align, i == len(wrapped) - 1)
        blocks.append(_Block(lh, ops, [" ".join(ws)]))
    blocks[-1].space_after = space_after
    return blocks


def _stack(blocks: list[_Block]) -> _Block:
    """Glue blocks vertically into one unbreakable block."""
    out, y = _Block(0.0), 0.0
    for b in blocks:
        for op in b.ops:
            if op[0] == "text":
                out.ops.append(("text", op[1], op[2] + y, op[3], op[4]))
            else:
                out.ops.append(("rule", op[1], op[2] + y, op[3], op[4]))
        out.lines += b.lines
        y += b.height + b.space_after
    out.height = y
    return out


def _side_by_side(left: _Block, right: _Block) -> _Block:
    return _Block(max(left.height, right.height), left.ops + right.ops, left.lines + right.lines)


def _rule_under(block: _Block, font, x0, width, frac=None, text=None, gap_pt=3.0, dpi=300) -> _Block:
    """A horizontal rule under the last line of a centred block, as under the motto and issuer."""
    w = font.getlength(text) if text else width * (frac or 0.4)
    w = min(w, width)
    y = block.height + gap_pt * dpi / 72.0
    thick = max(1.0, dpi / 200.0)
    block.ops.append(("rule", x0 + (width - w) / 2, y, x0 + (width + w) / 2, thick))
    block.height = y + thick
    return block


# ---------------------------------------------------------------- page assembly

class _Pager:
    def __init__(self, style: Style, number_pages: bool):
        self.style, self.number_pages = style, number_pages
        self.w = round(style.px(A4_CM[0]))
        self.h = round(style.px(A4_CM[1]))
        self.top = style.px(style.margins_cm[0])
        self.bottom = self.h - style.px(style.margins_cm[1])
        self.pages: list[Page] = []
        self._new_page()

    def _new_page(self):
        img = Image.new("L", (self.w, self.h), 255)
        self.pages.append(Page(img, []))
        self.draw = ImageDraw.Draw(img)
        self.y = self.top
        self.fresh = True
        if self.number_pages and len(self.pages) > 1:
            st = self.style
            f = load_font(st.font, st.pt(st.size))
            num = str(len(self.pages))
            x0 = st.px(st.margins_cm[2])
            width = st.px(A4_CM[0] - st.margins_cm[2] - st.margins_cm[3])
            b = paragraph_blocks(num, f, st, x0, width, align="center")[0]
            self._draw(b, st.px(1.0))
            self.y = max(self.y, self.top + st.pt(st.size))

    def _draw(self, b: _Block, y0: float):
        for op in b.ops:
            if op[0] == "text":
                _, x, base, text, font = op
                self.draw.text((x, y0 + base), text, font=font, fill=0, anchor="ls")
                self.pages[-1].ops.append(("text", x, y0 + base, text, font))
            else:
                _, x0, y, x1, thick = op
                self.draw.rectangle([x0, y0 + y, x1, y0 + y + thick - 1], fill=0)
                self.pages[-1].ops.append(("rule", x0, y0 + y, x1, thick))
        self.pages[-1].lines.extend(b.lines)

    def place(self, b: _Block):
        if self.y + b.height > self.bottom and not self.fresh:
            self._new_page()
        self._draw(b, self.y)
        self.y += b.height + b.space_after
        self.fresh = False

    def skip(self, amount: float):
        if not self.fresh:
            self.y += amount


def _body_metrics(style: Style):
    x0 = style.px(style.margins_cm[2])
    width = style.px(A4_CM[0] - style.margins_cm[2] - style.margins_cm[3])
    return x0, width


def render_document(paragraphs: list[str], style: Style = Style(), headings: set[int] = frozenset(),
                    max_pages: int | None = None) -> list[Page]:
    """Body text flowed over A4 pages; paragraphs whose index is in `headings` are bold, centred."""
    _check_style(style)
    pager = _Pager(style, number_pages=False)
    x0, width = _body_metrics(style)
    body = load_font(style.font, style.pt(style.size))
    bold = load_font(style.font, style.pt(style.size), bold=True)
    for i, para in enumerate(paragraphs):
        _require_coverage(style.font, para, bold=i in headings)
        if i in headings:
            blocks = paragraph_blocks(para, bold, style, x0, width, align="center",
                                      space_after=style.pt(style.para_space))
        else:
            blocks = paragraph_blocks(para, body, style, x0, width,
                                      align="justify" if style.justify else "left",
                                      indent=style.px(style.indent_cm), space_after=style.pt(style.para_space))
        for b in blocks:
            pager.place(b)
            if max_pages and len(pager.pages) > max_pages:
                pager.pages.pop()
                return pager.pages
    return pager.pages


def _column(lines, font, style, x0, width, align="center", line_height=None, keep_spaces=False) -> _Block:
    blocks = []
    for t in lines:
        blocks += paragraph_blocks(t, font, style, x0, width, align=align, line_height=line_height,
                                   keep_spaces=keep_spaces)
    return _stack(blocks) if blocks else _Block(0.0)


def _fit_font(family, size_pt, style, texts, width, bold=False, italic=False):
    """Largest size ≤ size_pt (down to 70 %) at which every text fits the width on one line."""
    s = size_pt
    while True:
        f = load_font(family, style.pt(s), bold, italic)
        if all(f.getlength(gt_line(t)) <= width for t in texts) or s <= size_pt * 0.7:
            return f
        s -= 0.5


def render_letter(letter: Letter, style: Style = Style()) -> list[Page]:
    """Letter layout: header row (issuer | motto), Kính gửi, body, footer row (Nơi nhận | signature)."""
    _check_style(style)
    st = style
    for part in [letter.issuer, letter.subject, letter.motto, letter.recipients, letter.body,
                 letter.noi_nhan, letter.signature, [letter.number, letter.place_date, letter.signer]]:
        for t in part:
            _require_coverage(st.font, t, bold=True)
            _require_coverage(st.font, t, italic=True)
            _require_coverage(st.font, t)
    pager = _Pager(st, number_pages=st.page_numbers)
    x0, width = _body_metrics(st)
    size = st.size
    lh = lambda s: st.pt(s) * 1.2

    # Header: two rows of a left block (40 % of the text width) beside a right block, as on real
    # letters: issuer | national motto, then number and subject | place and date. Ground truth
    # reads each row left block first, then right block, which is also how the real scans'
    # ground truth orders the header.
    lw = width * 0.40
    rx, rw = x0 + lw, width - lw
    f_issuer = _fit_font(st.font, size - 1, st, letter.issuer, lw, bold=True)
    left = _column(letter.issuer, f_issuer, st, x0, lw, line_height=lh(size - 1))
    if letter.issuer:
        left = _rule_under(left, f_issuer, x0, lw, frac=0.35, dpi=st.dpi)
    left.height += st.pt(6)
    f_m1 = _fit_font(st.font, size - 1, st, letter.motto[:1], rw, bold=True)
    f_m2 = _fit_font(st.font, size, st, letter.motto[1:], rw, bold=True)
    right = _stack([_column(letter.motto[:1], f_m1, st, rx, rw, line_height=lh(size - 1)),
                    _column(letter.motto[1:], f_m2, st, rx, rw, line_height=lh(size))])
    if len(letter.motto) > 1:
        right = _rule_under(right, f_m2, rx, rw, text=gt_line(letter.motto[-1]), dpi=st.dpi)
    right.height += st.pt(6)
    rows = [_side_by_side(left, right)]
    f_num = load_font(st.font, st.pt(size))
    lower_left = [_column([letter.number], f_num, st, x0, lw, line_height=lh(size), keep_spaces=True)] if letter.number else []
    if letter.subject:
        # The subject is re-wrapped to the column: the source's line breaks belong to its own layout.
        f_sub = load_font(st.font, st.pt(size - 1))
        lower_left.append(_column([" ".join(letter.subject)], f_sub, st, x0, lw, line_height=lh(size - 1)))
    lower_right = []
    if letter.place_date:
        f_date = load_font(st.font, st.pt(size), italic=True)
        lower_right.append(_column([letter.place_date], f_date, st, rx, rw, line_height=lh(size), keep_spaces=True))
    if lower_left or lower_right:
        rows.append(_side_by_side(_stack(lower_left) if lower_left else _Block(0.0),
                                  _stack(lower_right) if lower_right else _Block(0.0)))
    header = _stack(rows)
    header.space_after = st.pt(14)
    pager.place(header)

    # Kính gửi: label and first recipient on one baseline; further recipients aligned under it.
    f_body = load_font(st.font, st.pt(size))
    if letter.recipients:
        label = "Kính gửi:"
        if len(letter.recipients) == 1:
            for b in paragraph_blocks(f"{label} {letter.recipients[0]}", f_body, st, x0, width, align="center"):
                pager.place(b)
        else:
            lx = x0 + st.px(1.5)
            ix = lx + f_body.getlength(label + " ")
            iw = x0 + width - ix
            for k, item in enumerate(letter.recipients):
                bs = paragraph_blocks(item, f_body, st, ix, iw, align="left")
                if k == 0 and bs:
                    base = bs[0].ops[0][2]
                    bs[0].ops.insert(0, ("text", lx, base, label, f_body))
                    bs[0].lines[0] = f"{label} {bs[0].lines[0]}"
                for b in bs:
                    pager.place(b)
        pager.skip(st.pt(10))

    for para in letter.body:
        for b in paragraph_blocks(para, f_body, st, x0, width, align="justify" if st.justify else "left",
                                  indent=st.px(st.indent_cm), space_after=st.pt(st.para_space)):
            pager.place(b)

    # Footer: Nơi nhận (small) on the left beside the signature block on the right; kept together.
    fw = width * 0.45
    f_nn_head = load_font(st.font, st.pt(12), bold=True, italic=True)
    f_nn = load_font(st.font, st.pt(11))
    nn = [_column(["Nơi nhận:"], f_nn_head, st, x0, fw, align="left", line_height=lh(12))] if letter.noi_nhan else []
    for item in letter.noi_nhan:
        nn += paragraph_blocks(item, f_nn, st, x0, fw, align="left", hanging=st.pt(6), line_height=lh(11))
    left = _stack(nn) if nn else _Block(0.0)
    sx, sw = x0 + fw, width - fw
    f_sig = _fit_font(st.font, size, st, letter.signature + [letter.signer], sw, bold=True)
    sig = _column(letter.signature, f_sig, st, sx, sw, line_height=lh(size))
    if letter.signer:
        sig.height += st.px(2.5)  # room for the hand signature and stamp
        sig = _stack([sig, _column([letter.signer], f_sig, st, sx, sw, line_height=lh(size))])
    footer = _side_by_side(left, sig)
    if footer.lines:
        pager.skip(st.pt(6))
        pager.place(footer)
    return pager.pages


def _check_style(st: Style):
    if not 100 <= st.dpi <= 600:
        raise RenderError(f"dpi {st.dpi} is outside 100–600")
    if not 6 <= st.size <= 30:
        raise RenderError(f"font size {st.size} pt is outside 6–30")
    font_path(st.font)


def _require_coverage(family, text, bold=False, italic=False):
    miss = missing_chars(family, text, bold, italic)
    if miss:
        raise RenderError(f"font {family} cannot draw {miss!r}; pick another font or clean the text")


# ---------------------------------------------------------------- scan-like degradation

@dataclass(frozen=True)
class Degrade:
    rotate: float = 0.0      # degrees, positive = counter-clockwise
    blur: float = 0.0        # Gaussian radius in pixels at 300 dpi (scaled to the page dpi)
    noise: float = 0.0       # standard deviation of additive Gaussian noise, grey levels
    contrast: float = 1.0    # < 1 washes the ink out
    brightness: float = 1.0  # < 1 darkens the paper
    jpeg: int = 0            # JPEG round trip at this quality (0 = none)
    bw: bool = False         # threshold to a 1-bit image, as bw scanners and faxes do
    threshold: int = 160

    def describe(self) -> str:
        parts = []
        if self.rotate:
            parts.append(f"rot{self.rotate:+.2f}")
        if self.blur:
            parts.append(f"blur{self.blur:.2f}")
        if self.noise:
            parts.append(f"noise{self.noise:.0f}")
        if self.contrast != 1.0:
            parts.append(f"con{self.contrast:.2f}")
        if self.brightness != 1.0:
            parts.append(f"bri{self.brightness:.2f}")
        if self.jpeg:
            parts.append(f"jpeg{self.jpeg}")
        if self.bw:
            parts.append(f"thr{self.threshold}")
        return ",".join(parts) or "clean"


_GAUSS_LUT = [NormalDist().inv_cdf((i + 0.5) / 256) for i in range(256)]


def gaussian_noise(size, sigma: float, seed: int) -> Image.Image:
    """Noise image centred on 128 from a seeded byte stream (Pillow's effect_noise is not seedable)."""
    n = size[0] * size[1]
    raw = hashlib.shake_256(f"noise:{seed}".encode()).digest(n)
    lut = [max(0, min(255, round(128 + sigma * g))) for g in _GAUSS_LUT]
    return Image.frombytes("L", size, raw).point(lut)


def degrade(img: Image.Image, d: Degrade, seed: int = 0, dpi: int = 300) -> Image.Image:
    out = img.convert("L")
    if d.rotate:
        out = out.rotate(d.rotate, resample=Image.Resampling.BICUBIC, fillcolor=255)
    if d.blur:
        out = out.filter(ImageFilter.GaussianBlur(d.blur * dpi / 300.0))
    if d.contrast != 1.0:
        out = ImageEnhance.Contrast(out).enhance(d.contrast)
    if d.brightness != 1.0:
        out = ImageEnhance.Brightness(out).enhance(d.brightness)
    if d.noise:
        out = ImageChops.add(out, gaussian_noise(out.size, d.noise, seed), 1.0, -128)
    if d.jpeg:
        buf = io.BytesIO()
        out.save(buf, "JPEG", quality=int(d.jpeg))
        buf.seek(0)
        out = Image.open(buf).convert("L")
    if d.bw:
        out = out.point(lambda v: 255 if v >= d.threshold else 0).convert("1", dither=Image.Dither.NONE)
    return out


def random_degrade(rng, strength: float = 1.0, bw: bool | None = None) -> Degrade:
    """A plausible scan: strength 0 is clean, 1 is a typical office scan, 2 a poor one."""
    if strength <= 0:
        return Degrade(bw=bool(bw))
    s = strength
    is_bw = rng.random() < 0.4 if bw is None else bw
    return Degrade(
        rotate=round(rng.choice([-1, 1]) * rng.uniform(0.3, 1.0) * min(1.0, s), 2),
        blur=round(rng.uniform(0.3, 1.1) * s, 2) if rng.random() < 0.8 else 0.0,
        noise=round(rng.uniform(3, 14) * s) if rng.random() < 0.7 else 0.0,
        contrast=round(rng.uniform(0.75, 1.0), 2) if rng.random() < 0.5 else 1.0,
        brightness=round(rng.uniform(0.9, 1.0), 2) if rng.random() < 0.4 else 1.0,
        jpeg=rng.choice([35, 50, 65, 80]) if rng.random() < 0.4 else 0,
        bw=is_bw,
        threshold=rng.choice([140, 160, 175]) if is_bw else 160,
    )


def save_png(img: Image.Image, path: str, dpi: int):
    img.save(path, "PNG", optimize=True, dpi=(dpi, dpi))


# ---------------------------------------------------------------- CLI

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Render Vietnamese text to A4 page images with line ground truth.")
    ap.add_argument("text", nargs="?", help="UTF-8 text file: one paragraph per line ('-' = stdin)")
    ap.add_argument("--out", help="output prefix: writes PREFIX-N.png and PREFIX-N.gt.txt")
    ap.add_argument("--font", default="liberation-serif", choices=sorted(FONT_FILES))
    ap.add_argument("--size", type=float, default=13.0)
    ap.add_argument("--dpi", type=int, default=300)
    ap.add_argument("--letter", action="store_true", help="parse the text as a letter (letter_text.py)")
    ap.add_argument("--rotate", type=float, default=0.0)
    ap.add_argument("--blur", type=float, default=0.0)
    ap.add_argument("--noise", type=float, default=0.0)
    ap.add_argument("--contrast", type=float, default=1.0)
    ap.add_argument("--brightness", type=float, default=1.0)
    ap.add_argument("--jpeg", type=int, default=0)
    ap.add_argument("--bw", action="store_true")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--check-fonts", action="store_true", help="report Vietnamese coverage of each font")
    a = ap.parse_args(argv)
    try:
        if a.check_fonts:
            bad = 0
            for name, miss in check_fonts().items():
                print(f"{name:32} {'ok' if not miss else 'MISSING ' + miss}")
                bad += bool(miss)
            return 1 if bad else 0
        if not a.text or not a.out:
            ap.error("TEXT and --out are required")
        raw = sys.stdin.buffer.read() if a.text == "-" else open(a.text, "rb").read()
        try:
            text = unicodedata.normalize("NFC", raw.decode("utf-8"))
        except UnicodeDecodeError as e:
            raise RenderError(f"{a.text} is not valid UTF-8 (byte {e.start})")
        style = Style(font=a.font, size=a.size, dpi=a.dpi)
        if a.letter:
            sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
            from letter_text import parse_letter
            pages = render_letter(parse_letter(text), style)
        else:
            paras = [p for p in text.splitlines() if p.strip()]
            if not paras:
                raise RenderError(f"{a.text} holds no text")
            pages = render_document(paras, style)
        d = Degrade(a.rotate, a.blur, a.noise, a.contrast, a.brightness, a.jpeg, a.bw)
        os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
        for i, p in enumerate(pages, 1):
            img = degrade(p.image, d, seed=a.seed * 1000 + i, dpi=a.dpi)
            save_png(img, f"{a.out}-{i}.png", a.dpi)
            with open(f"{a.out}-{i}.gt.txt", "w", encoding="utf-8") as fh:
                fh.write("\n".join(p.lines) + "\n")
        print(f"{len(pages)} page(s), {sum(len(p.lines) for p in pages)} lines → {a.out}-N.png")
        return 0
    except (RenderError, OSError, ValueError) as e:
        print(f"render: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
