#!/usr/bin/env bash
# Commit benchmark (issue 3 item 6): durable single-op commits per second through
# POST /api/coalitions/{id}/changes (one update per request) against raw SQLite
# insert+commit on the same disk with the same durability settings (WAL,
# synchronous=FULL): one client against one loop, then CLIENTS (default 8) clients at
# once against the better of one loop and CLIENTS writers. Prints both ratios (aim >= 0.5).
#   bench/commits/run.sh [BUILD_DIR] [COUNT] [CLIENTS]
# COALIGN_BIN=path uses a binary built elsewhere; TMPDIR=dir puts both databases there.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../support.sh"
build="${1:-$repo_root/build-bench}"
count="${2:-2000}"
clients="${3:-8}"

coalign_build "$build"
work="$(mktemp -d "${TMPDIR:-/tmp}"/coalign-bench-commits.XXXXXX)"
cleanup() { coalign_stop; rm -rf "$work"; }
trap cleanup EXIT

export COALIGN_SHARED_DIR="${COALIGN_SHARED_DIR:-$repo_root/../shared}"
coalign_start "$COALIGN_BIN" "$work/commits.db" "$work/serve.log" --demo
token="$("$COALIGN_BIN" user token --db "$work/commits.db" steward@demo.coalign | tail -n1)"
coalition="$(sed -n 's/^demo: loaded Dementia.* as coalition \([0-9]*\)$/\1/p' "$work/serve.log")"
[[ -n "$coalition" ]] || { echo "no Dementia demo coalition in the server's output" >&2; cat "$work/serve.log" >&2; exit 1; }
timeout 600 python3 "$here/commits_bench.py" --url "http://127.0.0.1:$COALIGN_PORT" --token "$token" \
  --coalition "$coalition" --statement PI --dir "$work" --count "$count" --clients "$clients"
