#!/usr/bin/env bash
# Builds the .deb with CPack from an already built tree, unpacks it and checks what an installed
# Strongroom needs: both executables, the desktop entry, the AppStream metainfo and the icon, each
# passing its validator (hints and pedantic notes are accepted, warnings and errors are not).
# Usage: check-deb-package.sh <build-dir>
set -uo pipefail
build=${1:?usage: check-deb-package.sh <build-dir>}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=()
fail() { failures+=("$1"); }

if ! cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1; then
  cat "$work/cpack.log"
  echo "FAIL: cpack could not build the package (are strongroom and strongroom_cli built?)"
  exit 1
fi
shopt -s nullglob
debs=("$work"/out/*.deb)
if [ "${#debs[@]}" -ne 1 ]; then
  echo "FAIL: expected exactly one .deb, found ${#debs[@]}"
  exit 1
fi
deb=${debs[0]}
dpkg-deb -x "$deb" "$work/root"

[ "$(dpkg-deb -f "$deb" Package)" = strongroom ] || fail "package name is not strongroom"
[ "$(dpkg-deb -f "$deb" Maintainer)" = "Strongroom developers <dev@strongroom.invalid>" ] ||
  fail "maintainer is '$(dpkg-deb -f "$deb" Maintainer)'"
depends=$(dpkg-deb -f "$deb" Depends)
case "$depends" in
  *libqt6core6*) ;;
  *) fail "Depends was not computed by dpkg-shlibdeps (got '$depends')" ;;
esac

root=$work/root/usr
for program in strongroom strongroom-cli; do
  [ -x "$root/bin/$program" ] || fail "bin/$program is missing from the package"
done
desktop=$root/share/applications/io.strongroom.Strongroom.desktop
metainfo=$root/share/metainfo/io.strongroom.Strongroom.metainfo.xml
icon=$root/share/icons/hicolor/scalable/apps/io.strongroom.Strongroom.svg
for file in "$desktop" "$metainfo" "$icon"; do
  [ -s "$file" ] || fail "${file#"$work/root/"} is missing from the package"
done

if [ -s "$desktop" ]; then
  output=$(desktop-file-validate "$desktop" 2>&1)
  status=$?
  if [ $status -ne 0 ] || grep -Eq '(error|warning):' <<<"$output"; then
    fail "desktop-file-validate: $output"
  fi
fi
if [ -s "$metainfo" ]; then
  output=$(appstreamcli validate --no-net "$metainfo" 2>&1)
  status=$?
  if [ $status -ne 0 ] || grep -Eq '^[EW]:' <<<"$output"; then
    fail "appstreamcli validate: $output"
  fi
fi
if [ -s "$icon" ] && ! grep -q '<svg' "$icon"; then
  fail "the installed icon is not an SVG"
fi

if [ "${#failures[@]}" -gt 0 ]; then
  printf 'FAIL: %s\n' "${failures[@]}"
  exit 1
fi
echo "package $(basename "$deb") is complete and valid (Depends: $depends)"
