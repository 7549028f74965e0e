#!/usr/bin/env bash
# Installs everything coalign needs on a fresh Debian 12 machine (run as root).
# Idempotent: skips what is already there, so a second run takes seconds.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config
  libboost-dev libboost-system-dev
  libsqlite3-dev sqlite3 nlohmann-json3-dev libsodium-dev libcsv-dev
  libspdlog-dev libfmt-dev libcli11-dev libgtest-dev libgmock-dev
  nodejs npm
  chromium fonts-liberation fonts-dejavu-core
  python3 python3-networkx
  curl ca-certificates libcurl4-openssl-dev
  bc  # bench/progress: timing arithmetic (sqlite3 above is its baseline)
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# nodejs/npm may come from elsewhere on a developer's machine: accept them when present.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=(); for pkg in "${missing[@]}"; do [[ "$pkg" == nodejs || "$pkg" == npm ]] || filtered+=("$pkg"); done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The web app and browser tests: exact versions from the committed lock file.
if [[ -f "$here/web/package-lock.json" ]]; then
  if [[ ! -d "$here/web/node_modules" || "$here/web/package-lock.json" -nt "$here/web/node_modules/.package-lock.json" ]]; then
    (cd "$here/web" && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
