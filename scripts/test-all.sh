#!/bin/bash
# One command for a fresh Debian 12 machine: install the dependencies (test peers included),
# check formatting, build every configuration CI builds, run every test, then a short run of
# each fuzz target.
#   scripts/test-all.sh            everything (what .ci/run runs)
#   SENDSCOPE_QUICK=1 scripts/test-all.sh   one build with the GUI, its tests only
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
JOBS=$(nproc)
start=$(date +%s)
step() { printf '\n=== %s (%ds)\n' "$*" "$(( $(date +%s) - start ))"; }

step "dependencies"
scripts/install-deps.sh --test

step "format check (clang-format)"
scripts/check-format.sh

step "set up and start the test peers (Postfix, smtp-sink, Dovecot on loopback)"
tests/peers/postfix-setup.sh
tests/peers/dovecot-setup.sh
tests/peers/start-peers.sh
cleanup() { tests/peers/stop-peers.sh >/dev/null 2>&1 || true; }
trap cleanup EXIT
tests/peers/check-peers.sh
# Tests that need a peer fail instead of skipping when it is missing.
export SENDSCOPE_REQUIRE_PEERS=1
# shellcheck disable=SC1091
. "${SENDSCOPE_PEERS_DIR:-/var/tmp/sendscope-peers}/env.sh"

# Line tables only (-g1), which sanitizer reports need to name files and lines; and for the
# Debug builds, the core and ui as shared libraries, so the ~70 test programs do not each carry
# a copy of them. A sanitizer build of every test took 7 GB with static libraries and -g, and
# filled a CI machine's disk; it takes 0.8 GB so. The RelWithDebInfo build stays as installed.
SMALL_DEBUG=(-DCMAKE_CXX_FLAGS_DEBUG=-g1 "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG")
SHARED=(-DSENDSCOPE_SHARED_LIBS=ON)
run_build() {  # name, cmake options...
  local dir="build-ci-$1"; shift
  step "configure and build $dir ($(df -h --output=avail . | tail -1 | tr -d ' ') free on the disk)"
  cmake -S . -B "$dir" -G Ninja -DSENDSCOPE_WERROR=ON "${SMALL_DEBUG[@]}" "$@" >/dev/null
  cmake --build "$dir" -j "$JOBS"
  step "test $dir"
  (cd "$dir" && ctest --output-on-failure -j "$JOBS")
}
# A build directory whose tests passed goes, so the next one has the disk (SENDSCOPE_KEEP_BUILDS=1
# keeps them for incremental runs).
done_with() {
  [ "${SENDSCOPE_KEEP_BUILDS:-0}" = 1 ] || rm -rf "$1"
}

export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export ASAN_OPTIONS=detect_leaks=1
export LSAN_OPTIONS="suppressions=$ROOT/tests/lsan.supp"
if [ "${SENDSCOPE_QUICK:-0}" = 1 ]; then
  run_build gui -DCMAKE_BUILD_TYPE=Debug
else
  run_build core -DCMAKE_BUILD_TYPE=Debug -DSENDSCOPE_GUI=OFF "${SHARED[@]}"
  done_with build-ci-core
  run_build sanitize -DCMAKE_BUILD_TYPE=Debug -DSENDSCOPE_SANITIZE=ON "${SHARED[@]}"
  step "kill campaign: SIGKILLs during a send, resumed each time (tests/faults)"
  tests/faults/kill_campaign.sh --quick build-ci-sanitize/app/sendscope-cli
  step "translations are current"
  scripts/check-translations.sh build-ci-sanitize
  done_with build-ci-sanitize
  step "ThreadSanitizer: the engine and the database thread (Qt's frames suppressed, tests/tsan.supp)"
  cmake -S . -B build-ci-tsan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSENDSCOPE_GUI=OFF -DSENDSCOPE_TSAN=ON \
    -DSENDSCOPE_WERROR=ON "${SMALL_DEBUG[@]}" >/dev/null
  TSAN_TESTS="tst_engine tst_store tst_store_executor tst_workspace tst_feedback_defer tst_feedback_applier"
  # shellcheck disable=SC2086
  cmake --build build-ci-tsan -j "$JOBS" --target sendscope-cli $TSAN_TESTS # the tests run the CLI too
  (cd build-ci-tsan && TSAN_OPTIONS="halt_on_error=1 die_after_fork=0 suppressions=$ROOT/tests/tsan.supp" \
    ctest --output-on-failure -R "^(${TSAN_TESTS// /|})\$")
  done_with build-ci-tsan
  run_build gui -DCMAKE_BUILD_TYPE=RelWithDebInfo
  done_with build-ci-gui
  step "fuzz targets, a short run of each (clang, libFuzzer, ASan+UBSan)"
  SENDSCOPE_FUZZ_TIME=${SENDSCOPE_FUZZ_TIME:-10} scripts/run-fuzzers.sh build-ci-fuzz
fi
step "done"
