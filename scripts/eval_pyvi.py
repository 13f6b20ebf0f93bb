#!/usr/bin/env python3
"""pyvi's ViUtils.add_accents on the same evaluation sets as scripts/eval_restore.py, scored the
same way (a line pyvi raises on is left as it was). Run eval_restore.py first: it writes the
stripped and seed packs into .cache/eval/.
usage: python3 scripts/eval_pyvi.py [--shared ../shared] [--pairs .cache/pairs]"""
import argparse, os, subprocess, sys
from pyvi import ViUtils

ap = argparse.ArgumentParser()
ap.add_argument("--shared", default="../shared")
ap.add_argument("--pairs", default=".cache/pairs")
a = ap.parse_args()
scorer = os.path.join(a.shared, "tools/score_restore.py")
seed002 = next(os.path.join(a.shared, "seeds", s) for s in sorted(os.listdir(os.path.join(a.shared, "seeds"))) if s.startswith("002"))
sets = {
    "dev-002": (seed002, os.path.join(a.shared, "dev/002.gold.tsv")),
    "stripped-seeds": (".cache/eval/stripped-seeds.in.txt", ".cache/eval/stripped-seeds.gold.tsv"),
    "stripped-real": (".cache/eval/stripped-real.in.txt", ".cache/eval/stripped-real.gold.tsv"),
    "eng-heldout": (f"{a.pairs}/eng-heldout.in.txt", f"{a.pairs}/eng-heldout.gold.tsv"),
    "stripped-heldout": (f"{a.pairs}/stripped-heldout.in.txt", f"{a.pairs}/stripped-heldout.gold.tsv"),
}
for name, (src, gold) in sets.items():
    if not os.path.exists(src):
        continue
    lines = open(src, encoding="utf-8").read().split("\n")
    out, failed = [], 0
    for l in lines:
        try:
            out.append(ViUtils.add_accents(l) if l.strip() else l)
        except Exception:
            out.append(l); failed += 1
    path = f".cache/eval/{name}.pyvi.txt"
    open(path, "w", encoding="utf-8").write("\n".join(out))
    r = subprocess.run([sys.executable, scorer, gold, path], capture_output=True, text=True)
    acc = r.stdout.strip().splitlines()[-1]
    print(f"{name:18s} pyvi {acc}   ({failed} of {len(lines)} lines raised)")
