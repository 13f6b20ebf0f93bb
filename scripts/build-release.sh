#!/usr/bin/env bash
# Release build of one product, the way every script here builds it: the Swift runtime and
# Foundation linked statically, so a `congvan` process starts without resolving their symbols
# across a dozen shared libraries (≈ 8 ms of each run; see BENCHMARKS.md). One set of flags for
# all products, so switching products never rebuilds the others.
# usage: bash scripts/build-release.sh PRODUCT
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib --product "$1"
