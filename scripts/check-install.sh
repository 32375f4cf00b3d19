#!/bin/bash
# Installs a build folder into a temporary prefix (cmake --install) and checks what a desktop
# expects there: both programs, the desktop entry (desktop-file-validate), the AppStream
# metainfo (appstreamcli validate), the hicolor icon, and one application id across them and the
# build (SENDSCOPE_APP_ID, the window's desktop file name). Run by CTest (install_layout); exit 77
# (a skip) when the validators are not installed.
#   scripts/check-install.sh BUILD_DIR
set -euo pipefail
BUILD=${1:?usage: check-install.sh BUILD_DIR}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ID=org.sendscope.Sendscope
PREFIX=$(mktemp -d)
trap 'rm -rf "$PREFIX"' EXIT
cmake --install "$BUILD" --prefix "$PREFIX" >/dev/null
fail() { echo "check-install: $*" >&2; exit 1; }
for f in bin/sendscope bin/sendscope-cli; do
  [ -x "$PREFIX/$f" ] || fail "missing $f"
done
desktop="$PREFIX/share/applications/$ID.desktop"
metainfo="$PREFIX/share/metainfo/$ID.metainfo.xml"
icon="$PREFIX/share/icons/hicolor/scalable/apps/$ID.svg"
for f in "$desktop" "$metainfo" "$icon"; do
  [ -f "$f" ] || fail "missing ${f#"$PREFIX"/}"
done
# Without the validators (scripts/install-deps.sh --test installs them) the check is skipped, saying so.
for tool in desktop-file-validate:desktop-file-utils appstreamcli:appstream; do
  command -v "${tool%%:*}" >/dev/null || { echo "check-install: skipped: ${tool%%:*} is missing (apt-get install ${tool#*:})"; exit 77; }
done
desktop-file-validate "$desktop" || fail "desktop-file-validate refused $ID.desktop"
appstreamcli validate --no-net --pedantic "$metainfo" >/dev/null || {
  appstreamcli validate --no-net --pedantic "$metainfo" >&2
  fail "appstreamcli refused $ID.metainfo.xml"
}
grep -qx "Icon=$ID" "$desktop" || fail "the desktop entry's Icon is not $ID"
grep -qx "Exec=sendscope" "$desktop" || fail "the desktop entry does not start sendscope"
grep -q "<launchable type=\"desktop-id\">$ID.desktop</launchable>" "$metainfo" || fail "the metainfo does not launch $ID.desktop"
grep -q "set(SENDSCOPE_APP_ID $ID)" "$ROOT/CMakeLists.txt" || fail "the build's application id (the window's desktop file name) is not $ID"
echo "check-install: ok ($(find "$PREFIX" -type f | wc -l) files under the prefix)"
