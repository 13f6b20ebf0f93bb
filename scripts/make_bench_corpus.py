#!/usr/bin/env python3
"""Writes directive .txt variants for `congvan-bench convert-txt` (default: 1,000 into .cache/bench-corpus/).

Each variant is one of the five seed letters (../shared/seeds, taken in turn) with its numbers,
dates and communes changed, so every file has distinct content (no two share a content hash) while
keeping the seed's language, layout and degradation: clean seeds stay clean, OCR-garbled seeds stay
garbled (ASCII commune names there, as the English OCR model writes them).

- document and reference numbers (`417/UBND-NLN`) get a random number;
- dates `dd/mm/yyyy` and `ngày dd tháng mm năm yyyy` get a random day and month (the year is kept,
  so target years stay meaningful);
- every commune of the gazetteer (two syllables or more) found in the text, after `xã`, `các xã:` or
  in the list that follows, is replaced by a random commune of the 2021-02 gazetteer.

Deterministic for a given --seed. Reads ../shared at run time; nothing from it is copied into the repo.
"""
import argparse
import json
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_units(path):
    """Communes as (name, ASCII name), and the names of provinces and districts."""
    with open(path, encoding="utf-8") as f:
        tree = json.load(f)
    communes, higher = [], set()
    for province in tree:
        higher.update((province[1], province[3]))
        for district in province[4]:
            higher.update((district[1], district[3]))
            for commune in district[4]:
                communes.append((commune[1], commune[3]))
    return communes, higher


def names_in(text, forms):
    """Forms (2 to 4 words) that occur in `text` as whole words."""
    words = re.findall(r"\w+", text)
    grams = set()
    for n in (2, 3, 4):
        for i in range(len(words) - n + 1):
            grams.add(" ".join(words[i:i + n]))
    return {f for f in forms if f in grams}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--out", default=os.path.join(ROOT, ".cache", "bench-corpus"))
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", default="", help="comma-separated seed numbers to use (e.g. 001,004 for the clean ones)")
    args = ap.parse_args()
    only = {s.strip() for s in args.only.split(",") if s.strip()}

    seeds_dir = os.path.join(args.shared, "seeds")
    seeds = []
    for name in sorted(os.listdir(seeds_dir)):
        if name.endswith(".txt"):
            if only and name.split("_")[0] not in only:
                continue
            with open(os.path.join(seeds_dir, name), encoding="utf-8") as f:
                seeds.append((name.split("_")[0], f.read()))
    if not seeds:
        sys.exit(f"no seed letters in {seeds_dir}")
    communes, higher = load_units(os.path.join(args.shared, "data", "gazetteer", "units-2021-02.sorted.json"))
    multi = [c for c in communes if " " in c[0]]
    # Commune names of two syllables or more in a seed, in either spelling, longest first; names
    # that are also a district or province are left alone.
    forms = {f for c in multi for f in c} - higher
    found = {key: sorted(names_in(text, forms), key=len, reverse=True) for key, text in seeds}
    # Garbled seeds (English-model OCR) carry few marked letters: give them ASCII names.
    garbled = {key: sum(ch > "\x7f" for ch in text) < 0.03 * len(text) for key, text in seeds}

    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    for old in os.listdir(args.out):
        if old.endswith(".txt"):
            os.remove(os.path.join(args.out, old))

    number = re.compile(r"(?<![\d/])(\d{1,4})(/(?:\d{4}/)?[A-ZĐ][A-ZĐa-z]*(?:-[A-ZĐa-z]+)*)")
    slash_date = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)(?!\d)")
    long_date = re.compile(r"ngày (\d{1,2}) tháng (\d{1,2}) năm ((?:19|20)\d\d)")
    for i in range(args.count):
        key, text = seeds[i % len(seeds)]
        text = number.sub(lambda m: f"{rng.randint(1, 3999)}{m.group(2)}", text)
        text = slash_date.sub(lambda m: f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{m.group(3)}", text)
        text = long_date.sub(lambda m: f"ngày {rng.randint(1, 28):02d} tháng {rng.randint(1, 12):02d} năm {m.group(3)}", text)
        for form in found[key]:
            name, ascii_name = rng.choice(multi)
            replacement = ascii_name if garbled[key] else name
            text = re.sub(r"(?<!\w)" + re.escape(form) + r"(?!\w)", replacement, text)
        # A variant number in a comment-free place: the end, so even a seed without numbers differs.
        text = text.rstrip("\n") + f"\n\n(Bản số {i + 1:04d})\n"
        with open(os.path.join(args.out, f"{i:04d}_{key}.txt"), "w", encoding="utf-8") as f:
            f.write(text)
    print(f"wrote {args.count} directives to {args.out} "
          f"(communes replaced per seed: {', '.join(f'{k}: {len(v)}' for k, v in found.items())})")


if __name__ == "__main__":
    main()
