#!/usr/bin/env python3
"""Accuracy of `congvan restore` on every evaluation set the project has.

usage: python3 scripts/eval_restore.py [--bin .build/release/congvan] [--shared ../shared] [--pairs .cache/pairs] [--save NAME]

Sets (each scored with ../shared/tools/score_restore.py):
  dev-002        seed 002 (English-model OCR garble) against ../shared/dev/002.gold.tsv
  stripped-seeds seeds 001 + 004 with every diacritic removed, against the originals
  clean-seeds    seeds 001 + 004 unchanged: the output must equal the input
  stripped-real  the four real scans' ground truths stripped of diacritics (letters no model saw)
  eng-heldout    held-out corpus lines rendered and read by Tesseract's eng model (if generated)
  vie-heldout    the same read by the vie model (tone slips)
  stripped-heldout  held-out corpus lines stripped of diacritics
Writes inputs and outputs under .cache/eval/. With --save NAME, also restores the garble seeds
that have no gold (000, 003) and keeps every output, with where its input and gold are, in
.cache/eval/runs/NAME/, for `scripts/compare_restore.py` to compare two runs token by token.
"""
import argparse, json, os, shutil, subprocess, sys, unicodedata

def strip(s):
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", s.replace("đ", "d").replace("Đ", "D"))

def write_pack(folder, name, lines_in, lines_gold):
    src = os.path.join(folder, name + ".in.txt")
    gold = os.path.join(folder, name + ".gold.tsv")
    with open(src, "w", encoding="utf-8") as f:
        f.write("\n".join(lines_in) + "\n")
    with open(gold, "w", encoding="utf-8") as f:
        for i, g in enumerate(lines_gold, 1):
            if g.strip():
                f.write(f"{i}\t{g}\n")
    return src, gold

def score(scorer, gold, out, src):
    r = subprocess.run([sys.executable, scorer, gold, out, "--input", src], capture_output=True, text=True)
    lines = r.stdout.strip().splitlines()
    unrestored = next((l for l in lines if l.startswith("input")), "")
    acc = next((l for l in lines if l.startswith("accuracy")), "accuracy: ?")
    return unrestored, acc

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=".build/release/congvan")
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--pairs", default=".cache/pairs")
    ap.add_argument("--only", default="")
    ap.add_argument("--save", default="", help="keep this run's outputs under .cache/eval/runs/NAME")
    a = ap.parse_args()
    out_dir = ".cache/eval"
    os.makedirs(out_dir, exist_ok=True)
    scorer = os.path.join(a.shared, "tools/score_restore.py")
    seeds = sorted(os.listdir(os.path.join(a.shared, "seeds")))
    clean = []
    for s in seeds:
        if s.startswith(("001", "004")):
            clean += unicodedata.normalize("NFC", open(os.path.join(a.shared, "seeds", s), encoding="utf-8").read()).split("\n")
    sets = {}
    sets["dev-002"] = (os.path.join(a.shared, "seeds", next(s for s in seeds if s.startswith("002"))),
                       os.path.join(a.shared, "dev/002.gold.tsv"))
    sets["stripped-seeds"] = write_pack(out_dir, "stripped-seeds", [strip(l) for l in clean], clean)
    sets["clean-seeds"] = write_pack(out_dir, "clean-seeds", clean, clean)
    # Real letters the models never saw: the real scans' ground truths, stripped of every mark.
    real = os.path.join(a.shared, "data/real-scans")
    if os.path.isdir(real):
        letters = []
        for f in sorted(os.listdir(real)):
            if f.endswith(".gt.txt"):
                letters += unicodedata.normalize("NFC", open(os.path.join(real, f), encoding="utf-8").read()).split("\n")
        sets["stripped-real"] = write_pack(out_dir, "stripped-real", [strip(l) for l in letters], letters)
    for kind in ("eng", "vie", "stripped"):
        src = os.path.join(a.pairs, f"{kind}-heldout.in.txt")
        gold = os.path.join(a.pairs, f"{kind}-heldout.gold.tsv")
        if os.path.exists(src) and os.path.exists(gold):
            sets[f"{kind}-heldout"] = (src, gold)
    run_dir = os.path.join(out_dir, "runs", a.save) if a.save else None
    if run_dir:
        os.makedirs(run_dir, exist_ok=True)
        # Garble seeds without gold: no score, but a change in them is a change on real input.
        for s in seeds:
            if not s.startswith(("001", "002", "004")):
                sets["unscored-" + s[:3]] = (os.path.join(a.shared, "seeds", s), None)
    manifest = {}
    for name, (src, gold) in sets.items():
        if a.only and a.only not in name:
            continue
        out = os.path.join(out_dir, name + ".out.txt")
        with open(out, "w") as f:
            r = subprocess.run([a.bin, "restore", src], stdout=f, stderr=subprocess.PIPE, text=True)
        if r.returncode != 0:
            print(f"{name:18s} FAILED: {r.stderr.strip()}")
            continue
        if run_dir:
            shutil.copy(out, os.path.join(run_dir, name + ".out.txt"))
            manifest[name] = {"input": os.path.abspath(src), "gold": gold and os.path.abspath(gold)}
        if gold:
            unrestored, acc = score(scorer, gold, out, src)
            print(f"{name:18s} {acc:18s} ({unrestored})")
    if run_dir:
        with open(os.path.join(run_dir, "manifest.json"), "w") as f:
            json.dump(manifest, f, indent=1)
        print(f"outputs kept in {run_dir}")

if __name__ == "__main__":
    main()
