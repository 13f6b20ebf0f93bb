#!/usr/bin/env bash
# Installs the system packages CongVan needs (Debian/Ubuntu, as root or with sudo).
# Idempotent: does nothing when everything is already there.
set -euo pipefail
packages=(
  libtesseract-dev libleptonica-dev              # OCR engine and image library (headers; libraries opened at run time)
  tesseract-ocr-vie tesseract-ocr-eng            # Vietnamese (default) and English language data
  tesseract-ocr                                  # the tesseract CLI: the peer congvan-bench ocr measures against
  poppler-utils                                  # pdftotext, pdftoppm: PDF text layers and pages
  qpdf                                           # convert --pdf: the text layer laid over PDF pages
  libsqlite3-dev                                 # SQLite for the store
)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "bootstrap: installing ${missing[*]}" >&2
  $sudo apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
if ! command -v swift >/dev/null 2>&1; then
  for d in /opt/swift/usr/bin /usr/share/swift/usr/bin; do [ -x "$d/swift" ] && export PATH="$PATH:$d"; done
fi
command -v swift >/dev/null 2>&1 || { echo "bootstrap: no Swift toolchain on PATH (Swift 6.1 or newer is needed)" >&2; exit 1; }
