#!/usr/bin/env python3
"""Check `congvan convert --pdf` output the way users do: pdftotext of each PDF against the truth.

    congvan convert INPUTS --pdf --out OUT --db DB
    python3 scripts/check_searchable_pdf.py OUT TRUTH.gt.txt=NAME ... [--images NAME=FILE,FILE ...]

For each NAME (an OUT/<NAME>.pdf and OUT/<NAME>.txt pair): the character error rate of the .txt and
of `pdftotext OUT/<NAME>.pdf -` against the truth, both as written (reading order counts: pdftotext
orders a letterhead's two columns its own way) and line-matched (each line compared with the truth
line it is closest to, so only the words count), the words in one of pdftotext's output and the
.txt but not the other, and the PDF's size against its page images'
(`--images NAME=a.png,b.png`). CER: edit distance after NFC and collapsing whitespace, over the
truth's length. Needs poppler-utils and rapidfuzz (pip install rapidfuzz).
"""
import os
import subprocess
import sys
import unicodedata

from rapidfuzz.distance import Levenshtein
from rapidfuzz import process, fuzz


def norm(s):
    return " ".join(unicodedata.normalize("NFC", s).split())


def cer(h, t):
    h, t = norm(h), norm(t)
    return Levenshtein.distance(h, t) / max(1, len(t))


def line_matched(h, t):
    """Edits when each hypothesis line is paired with its most similar unused truth line."""
    hl = [norm(x) for x in h.splitlines() if norm(x)]
    tl = [norm(x) for x in t.splitlines() if norm(x)]
    used, edits = set(), 0
    for line in hl:
        best = process.extractOne(line, {i: x for i, x in enumerate(tl) if i not in used}, scorer=fuzz.ratio)
        if best is None or best[1] < 50:
            edits += len(line)
            continue
        used.add(best[2])
        edits += Levenshtein.distance(line, tl[best[2]])
    edits += sum(len(tl[i]) for i in range(len(tl)) if i not in used)
    return edits / max(1, sum(len(x) for x in tl))


def word_difference(pdf, txt):
    """Words in one and not the other (multisets), a line-final hyphen joined to the next line's
    word on both sides (pdftotext joins them on some pages, not on others)."""
    import re
    from collections import Counter
    a = Counter(re.sub(r"-\s*\n\s*", "", pdf).split())
    b = Counter(re.sub(r"-\s*\n\s*", "", txt).split())
    return sum((a - b).values()) + sum((b - a).values())


def main(argv):
    out = argv[0]
    images = {}
    pairs = []
    it = iter(argv[1:])
    for a in it:
        if a == "--images":
            name, files = next(it).split("=", 1)
            images[name] = files.split(",")
        else:
            truth, name = a.split("=", 1)
            pairs.append((truth, name))
    print(f"{'document':24} {'txt CER':>8} {'pdf CER':>8} {'txt lines':>9} {'pdf lines':>9} {'words':>6} {'size':>6}")
    for truth, name in pairs:
        t = open(truth, encoding="utf-8").read()
        txt = open(os.path.join(out, name + ".txt"), encoding="utf-8").read()
        pdf = subprocess.run(["pdftotext", os.path.join(out, name + ".pdf"), "-"], capture_output=True,
                             check=True).stdout.decode("utf-8")
        size = ""
        if name in images:
            total = sum(os.path.getsize(f) for f in images[name])
            size = f"{os.path.getsize(os.path.join(out, name + '.pdf')) / total:.2f}x"
        print(f"{name:24} {cer(txt, t):8.4f} {cer(pdf, t):8.4f} {line_matched(txt, t):9.4f} "
              f"{line_matched(pdf, t):9.4f} {word_difference(pdf, txt):6d} {size:>6}")


if __name__ == "__main__":
    main(sys.argv[1:])
