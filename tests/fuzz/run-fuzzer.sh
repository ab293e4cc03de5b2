#!/usr/bin/env bash
# Builds a libFuzzer target with clang and runs it for a bounded time on a seed corpus of real
# replies. Fails when clang is missing (scripts/setup-deps test installs it), when the build
# fails, or when the fuzzer finds a crash, leak or undefined behaviour.
# Usage: run-fuzzer.sh <target> <build-dir> <seconds> <seed-dir>
set -euo pipefail
target=$1 build=$2 seconds=$3 seeds=$4
here=$(cd "$(dirname "$0")" && pwd)
cxx=$(command -v clang++-14 || command -v clang++ || true)
if [ -z "$cxx" ]; then
  echo "run-fuzzer: clang++ is missing; run scripts/setup-deps test" >&2
  exit 1
fi
cmake -S "$here/project" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$build" --target "$target" >/dev/null
corpus="$build/corpus-$target"
mkdir -p "$corpus"
cp -n "$seeds"/*.json "$seeds"/*.xml "$corpus"/ 2>/dev/null || true
# Findings go to the build dir, not the source tree; any finding exits non-zero.
cd "$build"
"./$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 "$corpus" 2>&1 | tail -n 25
exit "${PIPESTATUS[0]}"
