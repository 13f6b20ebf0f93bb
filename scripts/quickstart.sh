#!/usr/bin/env bash
# Quick start: installs what is missing, builds CongVan in release mode, converts the bundled
# Fixtures/ (seed texts and page images) into ./congvan.sqlite and runs an example query.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
bash scripts/build-release.sh congvan
bin=.build/release/congvan
echo "== congvan convert Fixtures --db congvan.sqlite --out out"
status=0
"$bin" convert Fixtures --db congvan.sqlite --out out || status=$?
echo
echo "== congvan query \"hung dao\" --db congvan.sqlite"
"$bin" query "hung dao" --db congvan.sqlite
exit $status
