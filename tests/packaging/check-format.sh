#!/usr/bin/env bash
# Fails, naming the files, when any tracked C++ file differs from what .clang-format makes of it.
set -euo pipefail
cd "$1"
command -v clang-format >/dev/null || { echo "clang-format is not installed" >&2; exit 1; }
files=$(git ls-files '*.cpp' '*.h' 2>/dev/null || find app backends ui tests bench -name '*.cpp' -o -name '*.h')
bad=$(printf '%s\n' $files | xargs clang-format --dry-run --Werror 2>&1 | grep -oE '^[^:]+\.(cpp|h)' | sort -u || true)
if [ -n "$bad" ]; then
  echo "not formatted with .clang-format:"; echo "$bad"; exit 1
fi
echo "$(printf '%s\n' $files | wc -l) files formatted"
