#!/bin/bash
# Runs clang-tidy (the checks of .clang-tidy) over the project's own sources in core/, ui/, app/
# and tests/, as a build folder's compile_commands.json compiles them; the files generated in the
# build folder (moc_*, qrc_*, *_autogen) are left out. Fails on any finding.
#   scripts/clang-tidy.sh [BUILD_DIR]     BUILD_DIR defaults to build-tidy
#   SENDSCOPE_TIDY_JOBS=N                 clang-tidy processes at once (default: nproc)
# BUILD_DIR is a Ninja build folder; a missing one is configured (Debug, with the GUI). The tests
# include the .moc files of their own test classes, so the moc step of every target is run first;
# it builds the libraries the tests' moc step waits for, not the tests.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
BUILD=${1:-build-tidy}
JOBS=${SENDSCOPE_TIDY_JOBS:-$(nproc)}
start=$(date +%s)

if [ ! -f "$BUILD/compile_commands.json" ]; then
  cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
fi
BUILD=$(cd "$BUILD" && pwd)
mapfile -t autogen < <(ninja -C "$BUILD" -t targets all | grep -E '^[^/ ][^ ]*_autogen: phony' | cut -d: -f1 | sort -u)
if [ "${#autogen[@]}" -gt 0 ]; then
  ninja -C "$BUILD" -j "$JOBS" "${autogen[@]}" >/dev/null
fi

# run-clang-tidy takes a regular expression on the paths of the compile database.
ROOT_RE=$(printf '%s' "$ROOT" | sed 's/[.[\*^$()+?{}|]/\\&/g')
files="^$ROOT_RE/(core|ui|app|tests)/(?!.*(/moc_|/qrc_|_autogen/))"
status=0
if [ -t 1 ]; then
  run-clang-tidy -j "$JOBS" -p "$BUILD" -quiet "$files" || status=$?
else # no colours in a log
  run-clang-tidy -j "$JOBS" -p "$BUILD" -quiet "$files" | sed 's/\x1b\[[0-9;]*m//g' || status=$?
fi
count=$(python3 -c 'import json, re, sys
files = re.compile(sys.argv[2])
print(sum(1 for e in json.load(open(sys.argv[1])) if files.search(e["file"])))' "$BUILD/compile_commands.json" "$files")
elapsed=$(($(date +%s) - start))
if [ "$status" -ne 0 ]; then
  echo "clang-tidy: findings or errors above ($count files, ${elapsed}s, -j $JOBS)" >&2
  exit 1
fi
echo "clang-tidy: $count files clean (${elapsed}s, -j $JOBS)"
