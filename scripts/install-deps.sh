#!/bin/bash
# Installs what Sendscope needs on Debian 12 with apt: the build dependencies, and with
# --test also the test tools and the real mail peers the integration tests talk to.
#   scripts/install-deps.sh [--test]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive

BUILD_PACKAGES=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev libqt6opengl6-dev qt6-charts-dev libqt6sql6-sqlite qt6-tools-dev qt6-l10n-tools
  qt6-translations-l10n libssl-dev libgl-dev libxkbcommon-dev fonts-nanum xvfb xauth libqt6svg6
  qtkeychain-qt6-dev libqt6keychain1 libgmime-3.0-dev libsqlite3-dev
)
TEST_PACKAGES=(
  clang-format clang-tidy sqlite3 time bc xvfb xauth imagemagick python3 python3-flufl.bounce
  desktop-file-utils appstream dpkg-dev  # scripts/check-install.sh, cpack -G DEB (dpkg-shlibdeps)
  clang libclang-rt-14-dev  # -fsanitize=fuzzer (clang-14 only recommends the runtime)
)

APT="$SUDO apt-get -o DPkg::Lock::Timeout=600"
$APT update -qq
packages=("${BUILD_PACKAGES[@]}")
[ "${1:-}" = "--test" ] && packages+=("${TEST_PACKAGES[@]}")
$APT install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
echo "install-deps: ${#packages[@]} packages present"
if [ "${1:-}" = "--test" ] && [ -x "$ROOT/tests/peers/install.sh" ]; then
  $SUDO "$ROOT/tests/peers/install.sh"
fi
