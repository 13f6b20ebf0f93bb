#!/usr/bin/env bash
# Builds congvan-bench in release mode and runs the OCR benchmark: congvan ocr --jobs 2 against the
# tesseract CLI page by page, and CER against plain tesseract -l vie on ../shared/data/real-scans.
# Extra arguments go to `congvan-bench ocr` (e.g. --rounds 3, --cli-single-thread, --sweep).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
bash scripts/build-release.sh congvan-bench
.build/release/congvan-bench ocr "$@"
