#!/usr/bin/env bash
# Installs what finsim needs from Debian 12's packages (as root) and builds it into build/.
# Usage: bash tools/setup.sh [--tests] [extra cmake arguments]
# --tests also installs what the browser tests need (chromium, chromium-driver, python3-selenium:
# some 300 MB, so only for the test command; clarification 91).
set -euo pipefail
cd "$(dirname "$0")/.."

tests=0
if [ "${1:-}" = "--tests" ]; then
  tests=1
  shift
fi

packages=(build-essential cmake pkg-config libeigen3-dev libboost-program-options-dev libhdf5-dev
          libtbb-dev libgtest-dev libtomlplusplus-dev librandom123-dev libxlsxwriter-dev libfmt-dev
          hdf5-tools python3-xarray python3-netcdf4 python3-h5py
          python3-openpyxl libreoffice-calc-nogui poppler-utils locales
          libcpp-httplib-dev nlohmann-json3-dev libjs-chart.js)
if [ "$tests" = 1 ]; then
  packages+=(chromium chromium-driver python3-selenium)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The report's tests write a workbook under a Swedish numeric locale: make sure it exists.
if ! locale -a 2>/dev/null | grep -qix 'sv_SE.utf8'; then
  sed -i 's/^# *sv_SE.UTF-8 UTF-8/sv_SE.UTF-8 UTF-8/' /etc/locale.gen 2>/dev/null && locale-gen >/dev/null 2>&1 || true
fi

cmake -S . -B "${FINSIM_BUILD_DIR:-build}" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
cmake --build "${FINSIM_BUILD_DIR:-build}" -j"$(nproc)"
