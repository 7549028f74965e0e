#!/usr/bin/env bash
# Runs the browser tests: installs playwright-core (no browser download) if needed,
# builds the web app if dist/ is missing, then runs node's test runner.
# COALIGN_BINARY picks the server (default: build/coalign of this checkout).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if [[ ! -d "$here/node_modules/playwright-core" || "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
if [[ ! -f "$root/web/dist/index.html" ]]; then
  (cd "$root/web" && { [[ -d node_modules ]] || npm ci --no-audit --no-fund --loglevel=error; } && npm run build --silent)
fi
if [[ -z "${COALIGN_BINARY:-}" ]]; then
  export COALIGN_BINARY="$root/build/coalign"
fi
mkdir -p "$here/artifacts"
cd "$here"
exec node --test --test-concurrency=1 ./*.test.mjs
