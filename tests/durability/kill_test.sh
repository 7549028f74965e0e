#!/usr/bin/env bash
# Durability test (STYLE.md: "kill the process mid-write and check that every
# acknowledged change is still there"). On one fresh database: 4 concurrent clients
# commit title updates and record every acknowledged revision and its content; the
# server is SIGKILLed (by its own pid) at a random moment; the database passes
# PRAGMA integrity_check; the server restarts and every acknowledged change must be in
# the change log at its revision, the log gap-free and in order, the state matching it.
# Repeated ROUNDS times on the same database (so later rounds recover a recovered file).
#   tests/durability/kill_test.sh [COALIGN_BINARY|BUILD_DIR] [ROUNDS]
# Exits non-zero on any loss. Needs python3 and the sqlite3 CLI.
set -euo pipefail
# Any command that fails says where, so a failure under CTest is never silent.
trap 'echo "kill_test: failed at line $LINENO (exit $?)" >&2' ERR
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../../bench/support.sh"
target="${1:-$repo_root/build-bench}"
rounds="${2:-20}"
clients=4
if [[ -d "$target" ]]; then
  coalign_build "$target"
else
  COALIGN_BIN="$target"
fi
command -v sqlite3 >/dev/null || { echo "kill_test: needs the sqlite3 CLI (apt-get install sqlite3)" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}"/coalign-kill-test.XXXXXX)"
CLIENT_PIDS=()
cleanup() {
  local pid
  for pid in "${CLIENT_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  coalign_stop
  if [[ "${KEEP_WORK:-}" == 1 ]]; then echo "kill_test: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

export COALIGN_SHARED_DIR="${COALIGN_SHARED_DIR:-$repo_root/../shared}"
db="$work/kill.db"
coalign_start "$COALIGN_BIN" "$db" "$work/serve-0.log" --demo
token="$("$COALIGN_BIN" user token --db "$db" steward@demo.coalign | tail -n1)"
coalition="$(sed -n 's/^demo: loaded Dementia.* as coalition \([0-9]*\)$/\1/p' "$work/serve-0.log")"
[[ -n "$coalition" ]] || { echo "kill_test: no Dementia demo coalition" >&2; cat "$work/serve-0.log" >&2; exit 1; }
# One statement per client, so that their updates never conflict.
mapfile -t statements < <(curl -sS --fail -H "Authorization: Bearer $token" \
  "http://127.0.0.1:$COALIGN_PORT/api/coalitions/$coalition/export" |
  python3 -c "import json, sys; [print(s['id']) for s in json.load(sys.stdin)['statements'][:$clients]]")
(( ${#statements[@]} == clients )) || { echo "kill_test: fewer than $clients statements" >&2; exit 1; }

started=$SECONDS
total_acks=0
for ((round = 1; round <= rounds; round++)); do
    CLIENT_PIDS=()
  for ((client = 0; client < clients; client++)); do
    python3 "$here/kill_client.py" "$COALIGN_PORT" "$token" "$coalition" "${statements[$client]}" \
      "r$round-c$client" "$work/acks-$client.tsv" 10 &
    CLIENT_PIDS+=($!)
  done
  # Once the burst is under way (the first new acknowledgement, at most 20 s), a random
  # 0..1000 ms more, so that the kill falls anywhere in a commit.
  for ((tries = 0; tries < 400; tries++)); do
    (( $(cat "$work"/acks-*.tsv 2>/dev/null | wc -l) > total_acks )) && break
    sleep 0.05
  done
  sleep "$(awk -v r="$RANDOM" 'BEGIN { printf "%.3f", (r % 1000) / 1000 }')"
  kill -KILL "$COALIGN_PID"
  wait "$COALIGN_PID" 2>/dev/null || true
  COALIGN_PID=""
  for pid in "${CLIENT_PIDS[@]}"; do
    wait "$pid" || { echo "kill_test: round $round: a client failed" >&2; exit 1; }
  done
  CLIENT_PIDS=()

  integrity="$(sqlite3 "$db" 'PRAGMA integrity_check;')"
  if [[ "$integrity" != "ok" ]]; then
    echo "kill_test: round $round: integrity_check: $integrity" >&2
    exit 1
  fi
  coalign_start "$COALIGN_BIN" "$db" "$work/serve-$round.log"
  if ! verdict="$(python3 "$here/kill_check.py" "$COALIGN_PORT" "$token" "$coalition" "$work"/acks-*.tsv)"; then
    echo "kill_test: round $round: acknowledged changes lost" >&2
    exit 1
  fi
  acks_now="$(cat "$work"/acks-*.tsv | wc -l)"
  echo "round $round: killed after $((acks_now - total_acks)) acknowledged commits; $verdict"
  total_acks=$acks_now
done
coalign_stop
echo "kill_test: $rounds rounds, $total_acks acknowledged changes, none lost, integrity ok ($((SECONDS - started)) s)"
