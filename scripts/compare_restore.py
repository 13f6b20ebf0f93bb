#!/usr/bin/env python3
"""Compares two runs of `scripts/eval_restore.py --save NAME`, token by token.

usage: python3 scripts/compare_restore.py OLD NEW [--verbose] [--runs .cache/eval/runs]

For each scored set: how many tokens the new run fixed and broke against the gold (a set's
accuracy can stay the same while both happen); with --verbose, each with its context. For the
garble seeds without gold (and seed 002's lines its gold leaves out): every line whose output
changed, token by token with the input token, so a change can be judged by reading it. A model
change is only better if it is better on both.
"""
import argparse, json, os, sys


def lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().split("\n")


def gold_lines(path):
    gold = {}
    for line in open(path, encoding="utf-8"):
        number, text = line.rstrip("\n").split("\t", 1)
        gold[int(number)] = text
    return gold


def scored(name, gold, old, new, verbose):
    fixed = broken = changed = 0
    for number, text in sorted(gold.items()):
        g, o, n = text.lower().split(), old[number - 1].lower().split(), new[number - 1].lower().split()
        if len(o) != len(n) or len(g) != len(o):
            continue  # the scorer counts such lines whole; rare, and shown by the unscored diff
        for i, (gt, ot, nt) in enumerate(zip(g, o, n)):
            if ot == nt:
                continue
            alternatives = gt.split("|")
            tag = "fixed" if nt in alternatives else "broken" if ot in alternatives else "changed"
            fixed += tag == "fixed"
            broken += tag == "broken"
            changed += tag == "changed"
            if verbose:
                print(f"  {tag:7s} line {number}: {ot} -> {nt}   (gold {gt}: …{' '.join(g[max(0, i - 3):i + 3])}…)")
    print(f"{name:18s} fixed {fixed}, broken {broken}, other changes {changed}")


def unscored(name, source, old, new, skip=()):
    inputs = lines(source)
    shown = 0
    for i, (o, n) in enumerate(zip(old, new)):
        if o == n or i + 1 in skip:
            continue
        src = inputs[i].split() if i < len(inputs) else []
        diffs = [f"{src[j] if j < len(src) else '?'}: {a} -> {b}"
                 for j, (a, b) in enumerate(zip(o.split(), n.split())) if a != b]
        if len(o.split()) != len(n.split()):
            diffs.append("(token count changed)")
        print(f"  line {i + 1}: {'; '.join(diffs)}\n      new: {n[:110]}")
        shown += 1
    print(f"{name:18s} {shown} unscored line(s) changed")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--runs", default=".cache/eval/runs")
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    dirs = [os.path.join(a.runs, r) for r in (a.old, a.new)]
    manifests = [json.load(open(os.path.join(d, "manifest.json"))) for d in dirs]
    for name in manifests[1]:
        if name not in manifests[0]:
            continue
        entry = manifests[1][name]
        old, new = (lines(os.path.join(d, name + ".out.txt")) for d in dirs)
        if entry["gold"]:
            gold = gold_lines(entry["gold"])
            scored(name, gold, old, new, a.verbose)
            if name.startswith("dev-"):
                unscored(name + " (rest)", entry["input"], old, new, skip=set(gold))
        else:
            unscored(name, entry["input"], old, new)


if __name__ == "__main__":
    sys.exit(main())
