#!/bin/bash
# One command for a fresh Debian 12 machine: install the dependencies with apt, build
# Sendscope, and start the desktop application on its default database.
#   scripts/run-app.sh [sendscope options, e.g. --lang ko or --db FILE]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
"$ROOT/scripts/install-deps.sh"
cmake -S "$ROOT" -B "$ROOT/build-app" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$ROOT/build-app" --target sendscope sendscope-cli
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "run-app: no display; starting Sendscope in a virtual X server (xvfb-run)" >&2
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$ROOT/build-app/app/sendscope" "$@"
fi
exec "$ROOT/build-app/app/sendscope" "$@"
