#!/usr/bin/env bash
# Fails, naming the files, when any tracked C++ file differs from what .clang-format makes of it.
set -euo pipefail
cd "$1"
command -v clang-format >/dev/null || { echo "clang-format is not installed" >&2; exit 1; }
files=$(git ls-files '*.cpp' '*.h' 2>/dev/null || find app backends ui tests bench -name '*.cpp' -o -name '*.h')
report=$(mktemp)
trap 'rm -f "$report"' EXIT
status=0
printf '%s\n' $files | xargs clang-format --dry-run --Werror >"$report" 2>&1 || status=$?
bad=$(grep -oE '^[^:]+\.(cpp|h)' "$report" | sort -u || true)
if [ "$status" -ne 0 ] && [ -z "$bad" ]; then
  echo "clang-format failed:"; cat "$report"; exit 1
fi
if [ -n "$bad" ]; then
  echo "not formatted with .clang-format:"; echo "$bad"; exit 1
fi
echo "$(printf '%s\n' $files | wc -l) files formatted"
