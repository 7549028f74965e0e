#!/usr/bin/env bash
# Builds coalign (the C++ program and the web app) after making sure the machine has
# what it needs. Output: build/coalign and web/dist/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$here/scripts/setup.sh"
cmake -S "$here" -B "$here/build" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" >/dev/null
ninja -C "$here/build" -j "${JOBS:-2}"
if [[ -f "$here/web/package.json" ]]; then
  (cd "$here/web" && npm run --silent build >/dev/null)
fi
