#!/bin/bash
# Benchmark (not a test): import a generated CSV of N rows (default 1,000,000) with
# sendscope-cli, side by side with the sqlite3 shell's .import of the same file into a plain
# table, in the same run. Prints wall time and peak RSS of each.
#
#   tests/bench/bench_import.sh [ROWS] [BUILD_DIR]
#
# Needs: sqlite3, GNU time (/usr/bin/time), a Release build of sendscope-cli.
set -euo pipefail
ROWS=${1:-1000000}
BUILD=${2:-build-release}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CLI="$ROOT/$BUILD/app/sendscope-cli"
[ -x "$CLI" ] || { echo "build first: cmake -S $ROOT -B $ROOT/$BUILD -G Ninja -DCMAKE_BUILD_TYPE=Release -DSENDSCOPE_GUI=OFF && cmake --build $ROOT/$BUILD --target sendscope-cli" >&2; exit 1; }
for tool in sqlite3 /usr/bin/time; do command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install sqlite3 time)" >&2; exit 1; }; done

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
CSV="$WORK/list.csv"

# Realistic rows: an address, names (some Korean), a city with a quoted comma, a number.
awk -v n="$ROWS" 'BEGIN {
  print "email,first_name,last_name,city,customer_id";
  split("Seoul,Busan,Incheon,Daegu,Daejeon", cities, ",");
  split("민준,서연,Alice,Bob,Carol,도윤,하은,David", names, ",");
  for (i = 1; i <= n; i++)
    printf "user%d@domain%d.example,%s,Lee%d,\"%s, KR\",%d\n", i, i % 997, names[i % 8 + 1], i % 100, cities[i % 5 + 1], 100000 + i;
}' > "$CSV"
cat > "$WORK/def.json" <<JSON
{"name": "bench", "from": {"address": "news@acme.example"}, "subject": "Hi {{first_name}}",
 "text": "Hello", "recipients": {"csv": "list.csv"},
 "route": {"type": "relay", "host": "127.0.0.1", "port": 2525, "tls": "none"}}
JSON
SIZE=$(du -m "$CSV" | cut -f1)
echo "rows: $ROWS   file: ${SIZE} MB   cores: $(nproc)"

measure() {  # label, command...
  local label=$1; shift
  sync
  /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" > "$WORK/out.txt" 2> "$WORK/err.txt" || { cat "$WORK/err.txt" >&2; exit 1; }
  read -r wall rss < "$WORK/time.txt"
  printf '%-34s %8.2f s   peak RSS %7.1f MB\n' "$label" "$wall" "$(echo "$rss / 1024" | bc -l)"
  echo "$wall" > "$WORK/$label.wall"
}

measure "sqlite3 .import (plain table)" sqlite3 "$WORK/ref.db" ".import --csv $CSV recipients"
measure "sendscope-cli delivery import" "$CLI" --db "$WORK/sendscope.db" delivery import "$WORK/def.json"
grep -h "imported" "$WORK/err.txt" || true
ref=$(cat "$WORK/sqlite3 .import (plain table).wall")
ours=$(cat "$WORK/sendscope-cli delivery import.wall")
printf 'ratio sendscope / sqlite3: %.2fx (target: within 1.5x; peak RSS target: under 300 MB)\n' "$(echo "$ours / $ref" | bc -l)"
measure "sendscope-cli analyze" "$CLI" --db "$WORK/sendscope.db" analyze 1
