#!/bin/bash
# Builds the libFuzzer targets of tests/fuzz (clang, ASan and UBSan) and runs each, one after
# the other, on a copy of its seed corpus (tests/fuzz/corpus/<target>/, left unchanged). Prints
# per target the executions, the seconds, exec/s and whether it crashed; exits 1 when any did.
#   scripts/run-fuzzers.sh [--long] [build-dir]     build-dir defaults to build-fuzz
#   short mode (CI):  -max_total_time=SENDSCOPE_FUZZ_TIME per target (default 20 s)
#   --long:           -runs=SENDSCOPE_FUZZ_RUNS per target (default 10000000), no time bound
#                     unless SENDSCOPE_FUZZ_TIME is set too
#   SENDSCOPE_FUZZ_TARGETS="fuzz_smtp_reply fuzz_csv_reader"   only these targets
#   SENDSCOPE_FUZZ_KEEP=dir   keep each target's corpus in dir/<target>/ and resume from it: a long
#                     campaign can then be run in parts (stopped with Ctrl-C or kill, not SIGSTOP,
#                     which libFuzzer's wall-clock timeout would report as a hang). Each part is
#                     appended to dir/<target>.runs, and the total so far is printed.
# Inputs that crash are kept in <build-dir>/fuzz-artifacts/ to replay: <target> <file>.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

long=0
if [ "${1:-}" = "--long" ]; then
  long=1
  shift
fi
BUILD=${1:-build-fuzz}
RUNS=${SENDSCOPE_FUZZ_RUNS:-10000000}
TIME=${SENDSCOPE_FUZZ_TIME:-}
[ "$long" = 1 ] || TIME=${TIME:-20}
# Per input: a run slower than this is reported as a hang; memory above this as a leak or bomb.
TIMEOUT=${SENDSCOPE_FUZZ_TIMEOUT:-25}
RSS_MB=${SENDSCOPE_FUZZ_RSS_MB:-2048}

if [ -n "${SENDSCOPE_FUZZ_TARGETS:-}" ]; then
  read -r -a targets <<<"$SENDSCOPE_FUZZ_TARGETS"
else
  targets=()
  for source in tests/fuzz/fuzz_*.cpp; do
    targets+=("$(basename "$source" .cpp)")
  done
fi

# Debug keeps Q_ASSERT on; -O1 keeps the executions per second reasonable under ASan.
cmake -S . -B "$BUILD" -G Ninja -DSENDSCOPE_FUZZ=ON -DSENDSCOPE_GUI=OFF -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang >/dev/null
cmake --build "$BUILD" -j "$(nproc)" --target "${targets[@]}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$ROOT/tests/lsan.supp}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
artifacts="$BUILD/fuzz-artifacts"
mkdir -p "$artifacts"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

bound=()
[ "$long" = 1 ] && bound+=("-runs=$RUNS")
[ -n "$TIME" ] && bound+=("-max_total_time=$TIME")
printf '%-28s %12s %8s %10s  %s\n' target executions seconds exec/s result
failed=0
for t in "${targets[@]}"; do
  corpus="$work/$t"
  [ -n "${SENDSCOPE_FUZZ_KEEP:-}" ] && corpus="$SENDSCOPE_FUZZ_KEEP/$t"
  mkdir -p "$corpus"
  if [ -d "tests/fuzz/corpus/$t" ] && [ -z "$(ls -A "$corpus")" ]; then
    cp -r "tests/fuzz/corpus/$t/." "$corpus/"
  fi
  log="$work/$t.log"
  start=$(date +%s.%N)
  result=ok
  if ! "$BUILD/tests/fuzz/$t" "${bound[@]}" -timeout="$TIMEOUT" -rss_limit_mb="$RSS_MB" -print_final_stats=1 \
    -artifact_prefix="$artifacts/$t-" "$corpus" >"$log" 2>&1; then
    result=CRASHED
    grep -q 'libFuzzer: run interrupted' "$log" && result=interrupted
    failed=1
  fi
  seconds=$(echo "$(date +%s.%N) - $start" | bc)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  # libFuzzer says 0 when it stopped within its first second (an early crash).
  if [ "${rate:-0}" = 0 ] && [ -n "$execs" ]; then
    rate=$(echo "$execs / $seconds" | bc)
  fi
  printf '%-28s %12s %8.1f %10s  %s\n' "$t" "${execs:-?}" "$seconds" "${rate:-?}" "$result"
  if [ -n "${SENDSCOPE_FUZZ_KEEP:-}" ]; then
    echo "$(date -u +%FT%TZ) ${execs:-0} $result" >> "$SENDSCOPE_FUZZ_KEEP/$t.runs"
    awk -v t="$t" '{n += $2; if ($3 == "CRASHED") c++} END {printf "%-28s %12d executions in %d part(s), %d crashed\n", t " (total)", n, NR, c}' \
      "$SENDSCOPE_FUZZ_KEEP/$t.runs"
  fi
  if [ "$result" != ok ]; then
    echo "--- $t: the end of its log (inputs kept in $artifacts/)"
    tail -n 40 "$log"
    echo "---"
  fi
done
exit "$failed"
