#!/usr/bin/env bash
# Restoration speed: congvan restore against pyvi's ViUtils.add_accents in the same run.
# Input: 2,000 held-out corpus lines stripped of diacritics (the text pyvi is made for) and the
# same lines as English-model OCR garble. Start-up included (one process per file).
# Each round runs pyvi once and congvan five times (median), one after the other, and prints
# their ratio: on a noisy machine the ratio of one round is the comparable figure.
# usage: bash scripts/bench_restore.sh [--shared ../shared] [--rounds N]   (needs: pip install pyvi)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
rounds=1
while [ $# -gt 0 ]; do
  case "$1" in
    --shared) shared=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
out=.cache/bench-restore
mkdir -p "$out"
bash scripts/build-release.sh congvan >/dev/null
bash scripts/build-release.sh congvan-bench >/dev/null
python3 - "$shared" "$out" <<'PY'
import sys, unicodedata
shared, out = sys.argv[1], sys.argv[2]
def strip(s):
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", s.replace("đ", "d").replace("Đ", "D"))
lines = []
for n, line in enumerate(open(f"{shared}/data/corpus/legal/phapdien-diepxuan.txt", encoding="utf-8"), 1):
    if n % 100 == 0 and len(line.split()) >= 5:
        # One corpus paragraph per line, cut to a page-like width.
        words = line.split()
        lines.append(" ".join(words[:18]))
    if len(lines) == 2000:
        break
open(f"{out}/stripped-2000.txt", "w", encoding="utf-8").write("\n".join(strip(l) for l in lines) + "\n")
PY
for round in $(seq "$rounds"); do
  echo "round $round:"
  pyvi=$(python3 - "$out/stripped-2000.txt" <<'PY'
import sys, time, resource
t0 = time.perf_counter()
from pyvi import ViUtils
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
tokens = sum(len(l.split()) for l in lines)
failed = 0
for l in lines:
    try:
        ViUtils.add_accents(l)
    except Exception:
        failed += 1
t = time.perf_counter() - t0
print(f"pyvi add_accents: {tokens} tokens in {t:.2f} s = {tokens/t:,.0f} tokens/s (start-up included), {failed} lines raised, peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024:.0f} MB")
PY
)
  echo "$pyvi"
  ours=$(.build/release/congvan-bench restore "$out/stripped-2000.txt" --repeat 5)
  echo "$ours"
  a=$(echo "$pyvi" | sed -E 's/.*= ([0-9,]+) tokens\/s.*/\1/' | tr -d ,)
  b=$(echo "$ours" | tail -1 | sed -E 's/.*= ([0-9,]+) tokens\/s.*/\1/' | tr -d ,)
  echo "ratio: $(python3 -c "print(f'{$b / $a:.1f}')")x"
done
