#!/bin/bash
# Fails when translations/*.ts are out of date with the sources (lupdate would change them)
# or when a translation is unfinished.
#   scripts/check-translations.sh BUILD_DIR   (a configured build with the GUI)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:?build dir}
cd "$ROOT"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp translations/*.ts "$tmp/"
cmake --build "$BUILD" --target update_translations >/dev/null
status=0
for ts in translations/*.ts; do
  if ! diff -q "$tmp/$(basename "$ts")" "$ts" >/dev/null; then
    echo "check-translations: $ts is out of date; run 'cmake --build $BUILD --target update_translations' and commit it" >&2
    diff -u "$tmp/$(basename "$ts")" "$ts" | head -40 >&2 || true
    cp "$tmp/$(basename "$ts")" "$ts"
    status=1
  fi
done
if grep -l 'type="unfinished"' translations/sendscope_ko.ts >/dev/null; then
  echo "check-translations: unfinished Korean translations:" >&2
  grep -B3 'type="unfinished"' translations/sendscope_ko.ts | grep '<source>' >&2
  status=1
fi
[ $status = 0 ] && echo "check-translations: up to date, Korean complete"
exit $status
