#!/bin/bash
# Regenerates the screenshots in docs/ from a fresh database (the first-run sandbox sample),
# under Xvfb: the main window, the editor, the settings, the dashboard in the middle of a
# send (sendscope-cli sends the sample through the sandbox meanwhile), the log, the report,
# the Korean dashboard, the proof dialog with its history, and the Feedback window (unmatched
# reports).
#   scripts/screenshots.sh [BUILD_DIR]   (a build with the GUI; default build-app)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-build-app}
APP="$ROOT/$BUILD/app/sendscope"
CLI="$ROOT/$BUILD/app/sendscope-cli"
[ -x "$APP" ] && [ -x "$CLI" ] || { echo "build $BUILD first (scripts/run-app.sh does)" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export HOME="$WORK" # fresh settings: default layout, English unless asked
DB="$WORK/sendscope.db"
shot() {  # file, options...
  local file=$1; shift
  xvfb-run -a -s "-screen 0 1600x1000x24" "$APP" --db "$DB" --screenshot "$ROOT/docs/$file" "$@" 2>/dev/null
  echo "docs/$file"
}
shot screenshot-main.png
shot screenshot-editor.png --open editor
shot screenshot-settings.png --open settings
# The sample delivery through the sandbox, sent by the CLI while the window watches.
"$CLI" --db "$DB" send 1 >/dev/null 2>&1 &
CLI_PID=$!
sleep 2
shot screenshot-dashboard.png --tab dashboard --quit-after 2500
shot screenshot-dashboard-ko.png --tab dashboard --quit-after 2500 --lang ko
kill -INT "$CLI_PID" 2>/dev/null || true # pauses cleanly
wait "$CLI_PID" 2>/dev/null || true
"$CLI" --db "$DB" proof 1 --to first@sandbox.example,second@sandbox.example >/dev/null 2>&1 || true
shot screenshot-proof.png --open proof --quit-after 2000
shot screenshot-logs.png --tab recipients --quit-after 2000
shot screenshot-report.png --tab report --quit-after 2500
shot screenshot-main-ko.png --lang ko
shot screenshot-feedback.png --open feedback
shot screenshot-dashboard-rates.png --tab dashboard
