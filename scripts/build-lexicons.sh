#!/usr/bin/env bash
# Rebuilds everything in Lexicons/ from ../shared/data with the project's own builder.
#   usage: bash scripts/build-lexicons.sh [DATA_DIR]     (default ../shared/data)
# Steps: OCR training pairs (pages rendered from the corpus, read by Tesseract's eng and vie
# models; cached in .cache/pairs, about an hour on 2 cores the first time), then the syllable
# language model, the OCR channel models and the gazetteer. See Lexicons/SOURCES.md.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data}
[ -d "$data/corpus" ] || { echo "build-lexicons: $data/corpus not found (pass the shared data folder)" >&2; exit 1; }

# What the builder needs beyond the test-time packages (scripts/bootstrap.sh installs those).
source scripts/bootstrap.sh
extra=(hunspell-vi fonts-liberation2 fonts-noto-core fonts-dejavu-core)
missing=(); for p in "${extra[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${missing[@]}" >/dev/null
fi
python3 -c "import PIL" 2>/dev/null || python3 -m pip install -q pillow

python3 scripts/ocr_pairs.py --out .cache/pairs --pages-train 150 --pages-heldout 25 --jobs 2 --seed 1
bash scripts/build-release.sh congvan-lexicon
builder=.build/release/congvan-lexicon
$builder lm --data "$data" --out Lexicons
$builder channel --pairs .cache/pairs --out Lexicons
$builder gazetteer --data "$data" --out Lexicons
ls -l Lexicons/*.cvlex
