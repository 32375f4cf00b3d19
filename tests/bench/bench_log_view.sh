#!/bin/bash
# Benchmark (not a test): the recipient log view on a 1,000,000-row log. Builds the database
# with sendscope-cli (import + analyze), then runs tst_log_view's measureMillionRows, which
# opens a LogView on it (its real worker thread and paging model) and prints with qInfo:
# count, open (count + first page), jump to the end, the middle, a sort by e-mail and a search.
# Targets: open < 1 s, jump to the end < 200 ms.
#
#   tests/bench/bench_log_view.sh [ROWS] [BUILD_DIR]      (BENCH_DB=path reuses a database)
set -euo pipefail
ROWS=${1:-1000000}
BUILD=${2:-build}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CLI="$ROOT/$BUILD/app/sendscope-cli"
TEST="$ROOT/$BUILD/tests/tst_log_view"
for f in "$CLI" "$TEST"; do
  [ -x "$f" ] || { echo "build first: cmake --build $ROOT/$BUILD --target sendscope-cli tst_log_view" >&2; exit 1; }
done

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DB=${BENCH_DB:-}
if [ -z "$DB" ]; then
  DB="$WORK/log.db"
  awk -v n="$ROWS" 'BEGIN { print "email,first_name";
    for (i = 1; i <= n; i++) printf "user%d@domain%d.example,N%d\n", i, i % 997, i; }' > "$WORK/list.csv"
  cat > "$WORK/def.json" <<JSON
{"name": "bench", "from": {"address": "news@acme.example"}, "subject": "Hi {{first_name}}",
 "text": "Hello", "recipients": {"csv": "list.csv"},
 "route": {"type": "relay", "host": "127.0.0.1", "port": 2525, "tls": "none"}}
JSON
  echo "building a log of $ROWS rows..."
  "$CLI" --db "$DB" delivery import "$WORK/def.json" > /dev/null
  "$CLI" --db "$DB" analyze 1 > /dev/null
fi
# Any command opens (and migrates) the database first, so the index build of an older schema
# is not counted as the view's opening.
"$CLI" --db "$DB" delivery list > /dev/null
sync
echo "cores: $(nproc)   database: $(du -m "$DB" | cut -f1) MB"
for run in 1 2; do
  echo "run $run:"
  SENDSCOPE_LOG_BENCH_DB="$DB" QT_QPA_PLATFORM=offscreen "$TEST" measureMillionRows 2>&1 | grep -E "QINFO|FAIL" || true
done
