#!/usr/bin/env bash
# Sets everything up, then serves coalign on embedded SQLite with the demo maps and
# prints the URL to open. PORT and DB may be set in the environment.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$here/scripts/build.sh"
mkdir -p "$here/var"
exec "$here/build/coalign" serve --db "${DB:-$here/var/coalign.db}" --port "${PORT:-8080}" --demo
