"""Split the plain text of a Vietnamese administrative letter into the parts render.Letter lays out.

The input is text as extracted from a letter (e.g. the project's clean seeds): header lines
(issuer, motto, "Số:", "V/v", place/date) in any order, "Kính gửi:" with its list, body
paragraphs, "Nơi nhận:" with its list, signature titles and the signer's name. Markdown emphasis
markers are dropped. Lines that a PDF extraction broke inside a paragraph are joined again.
"""
from __future__ import annotations

import re
import statistics
import unicodedata

from render import Letter

_MOTTO1 = re.compile(r"^CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$")
_MOTTO2 = re.compile(r"^Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc$")
_NUMBER = re.compile(r"^Số\s*:")
_SUBJECT = re.compile(r"^V/v\b")
_DATE = re.compile(r"^[^,]{2,40}, ngày .{0,12}tháng .{0,8}năm \d{4}\s*$")
_KINH_GUI = re.compile(r"^Kính gửi\s*:\s*")
_NOI_NHAN = re.compile(r"^Nơi nhận\s*:?\s*$")
_LIST = re.compile(r"^([-–+•*]\s|\d{1,2}[.)]\s|[a-zđ][)]\s|\([A-Za-zĐđ0-9]+\)\s)")
_END = re.compile(r"[.;:!?]$|\./\.$")
# Standard signature titles: "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN", "GIÁM ĐỐC"…
_TITLE_PREFIX = re.compile(r"^(KT|TM|TL|TUQ|Q|Q\.)\.?\s")


def _clean(line: str) -> str:
    line = unicodedata.normalize("NFC", line).replace("\u00a0", " ")
    # Markdown emphasis left by the text extraction; a bullet "* " (as in "* Ghi chú:") stays.
    line = re.sub(r"\*\*|(?<=\S)\*|\*(?=\S)", "", line)
    return line.strip()


def _is_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _join_paragraphs(lines: list[str]) -> list[str]:
    """Rejoin lines broken by a page width: a line continues the previous one when that one has no
    closing punctuation and this one starts in lower case / with a digit, or the previous line was
    as long as a full wrapped line (typical of text extracted from a PDF)."""
    if not lines:
        return []
    full = statistics.median(len(l) for l in lines) * 0.85
    paras = [lines[0]]
    for line in lines[1:]:
        prev = paras[-1]
        cont = not _END.search(prev) and not _LIST.match(line) and (
            line[0].islower() or line[0].isdigit() or line[0] in "(“\"" or len(prev) >= full)
        if cont:
            paras[-1] = prev + " " + line
        else:
            paras.append(line)
    return paras


def parse_letter(text: str) -> Letter:
    raw = [_clean(l) for l in text.splitlines()]
    lines = [l for l in raw if l]
    if not lines:
        raise ValueError("the letter text is empty")

    # Header ends at "Kính gửi", or at the first line that is none of the header kinds.
    issuer, number, subject, motto, place_date = [], "", [], [], ""
    i = 0
    in_subject = False
    while i < len(lines):
        l = lines[i]
        if _KINH_GUI.match(l):
            break
        if _MOTTO1.match(l) or _MOTTO2.match(l):
            motto.append(l); in_subject = False
        elif _NUMBER.match(l):
            number = l; in_subject = False
        elif _SUBJECT.match(l):
            subject.append(l); in_subject = True
        elif _DATE.match(l):
            place_date = l; in_subject = False
        elif in_subject and not _is_upper(l) and len(l) < 60:
            subject.append(l)
        elif _is_upper(l) and not number and not subject:
            issuer.append(l)
        else:
            break
        i += 1

    recipients = []
    if i < len(lines) and _KINH_GUI.match(lines[i]):
        first = _KINH_GUI.sub("", lines[i])
        if first:
            recipients.append(first)
        i += 1
        while i < len(lines) and (_LIST.match(lines[i]) or lines[i].startswith("(")) and len(lines[i]) < 200:
            recipients.append(lines[i])
            i += 1

    # Footer: from "Nơi nhận:" to the end.
    end = next((k for k in range(i, len(lines)) if _NOI_NHAN.match(lines[k])), len(lines))
    body = _join_paragraphs(lines[i:end])
    noi_nhan, signature, signer = [], [], ""
    k = end + 1
    while k < len(lines) and (_LIST.match(lines[k]) or not _is_upper(lines[k])) and not noi_nhan_done(noi_nhan):
        if _LIST.match(lines[k]):
            noi_nhan.append(lines[k])
        elif noi_nhan:
            noi_nhan[-1] += " " + lines[k]
        k += 1
    # After the list: signature titles (upper case) and the signer's name; list-like residue
    # after "Lưu: …" is extraction junk and is dropped.
    for l in lines[k:]:
        if _LIST.match(l):
            continue
        if _is_upper(l) or _TITLE_PREFIX.match(l):
            signature.append(l)
        else:
            signer = l
    # Some extractions also append the signer's name to the last body paragraph.
    if signer and body and body[-1].endswith(signer) and body[-1] != signer:
        body[-1] = body[-1][: -len(signer)].rstrip()
    return Letter(issuer=issuer, number=number, subject=subject,
                  motto=motto or Letter(issuer=[]).motto, place_date=place_date,
                  recipients=recipients, body=body, noi_nhan=noi_nhan, signature=signature, signer=signer)


def noi_nhan_done(items: list[str]) -> bool:
    """By convention "Lưu: …" (the archive copy) is the last entry of the Nơi nhận list."""
    return bool(items) and bool(re.match(r"^[-–+•]\s*Lưu\b", items[-1]))
