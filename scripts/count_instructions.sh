#!/usr/bin/env bash
# Instructions executed to load the restorer and restore FILE once (valgrind/callgrind): a
# repeatable measure for comparing two builds on a noisy machine (wall time is not).
# usage: bash scripts/count_instructions.sh FILE [--details]   (--details: as `--format json` restores)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-release.sh congvan-bench >/dev/null
out=$(mktemp)
valgrind --tool=callgrind --callgrind-out-file="$out" .build/release/congvan-bench restore "$1" --repeat 0 "${@:2}" 2>&1 | grep -E "refs" | sed 's/.*refs: *//'
rm -f "$out"
