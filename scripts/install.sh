#!/usr/bin/env bash
# Installs congvan outside the build tree: the release binary in PREFIX/bin and its lexicons in
# PREFIX/share/congvan/Lexicons, where the binary finds them (LexiconLocator looks beside the
# executable, then in ../share/congvan/Lexicons). Installs the system packages first.
#   bash scripts/install.sh                 # PREFIX=/usr/local
#   PREFIX=$HOME/.local bash scripts/install.sh
# CONGVAN_LEXICONS=/some/folder overrides where the lexicons are read from at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
prefix="${PREFIX:-/usr/local}"
bash scripts/build-release.sh congvan
bin="$(swift build -c release --static-swift-stdlib --show-bin-path)/congvan"
for f in restore-lm.cvlex restore-channel.cvlex gazetteer.cvlex SOURCES.md; do
  [ -f "Lexicons/$f" ] || { echo "install: Lexicons/$f is missing; run bash scripts/build-lexicons.sh" >&2; exit 1; }
done
install -d "$prefix/bin" "$prefix/share/congvan/Lexicons"
install -m 0755 "$bin" "$prefix/bin/congvan"
install -m 0644 Lexicons/restore-lm.cvlex Lexicons/restore-channel.cvlex Lexicons/gazetteer.cvlex Lexicons/SOURCES.md \
  "$prefix/share/congvan/Lexicons/"
echo "install: $prefix/bin/congvan, lexicons in $prefix/share/congvan/Lexicons"
