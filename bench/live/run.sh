#!/usr/bin/env bash
# Live benchmark (issue 3 item 6): N WebSocket clients follow the Dementia demo coalition
# while a writer pushes edits at a fixed rate through the live feed; the latency from
# sending an edit to each client receiving the committed change, against a minimal Node
# `ws` relay (relay.mjs) with the same clients and message sizes. Prints both and the ratio.
#   bench/live/run.sh [BUILD_DIR] [CLIENTS] [EDITS_PER_S] [SECONDS]
# COALIGN_BIN=path uses a binary built elsewhere. Aim: p99 <= 50 ms, not behind the relay.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../support.sh"
build="${1:-$repo_root/build-bench}"
clients="${2:-200}" rate="${3:-20}" seconds="${4:-20}"

coalign_build "$build"
(cd "$here" && npm ci --no-audit --no-fund --silent >/dev/null)

work="$(mktemp -d "${TMPDIR:-/tmp}"/coalign-bench-live.XXXXXX)"
RELAY_PID=""
cleanup() {
  coalign_stop
  if [[ -n "$RELAY_PID" ]]; then kill -TERM "$RELAY_PID" 2>/dev/null || true; wait "$RELAY_PID" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# coalign: the demo database, the demo steward's token.
export COALIGN_SHARED_DIR="${COALIGN_SHARED_DIR:-$repo_root/../shared}"
coalign_start "$COALIGN_BIN" "$work/live.db" "$work/serve.log" --demo
token="$("$COALIGN_BIN" user token --db "$work/live.db" steward@demo.coalign | tail -n1)"
coalition="$(sed -n 's/^demo: loaded Dementia.* as coalition \([0-9]*\)$/\1/p' "$work/serve.log")"
[[ -n "$coalition" ]] || { echo "no Dementia demo coalition in the server's output" >&2; cat "$work/serve.log" >&2; exit 1; }
echo "coalign: coalition $coalition on port $COALIGN_PORT; $clients clients, $rate edits/s for $seconds s" >&2
timeout 400 node "$here/live_bench.mjs" --target coalign --url "ws://127.0.0.1:$COALIGN_PORT/api/coalitions/$coalition/live" \
  --token "$token" --clients "$clients" --rate "$rate" --seconds "$seconds" >"$work/coalign.json"
coalign_stop

# The relay peer, on its own port, with the same driver.
: >"$work/relay.log"
node "$here/relay.mjs" 0 >"$work/relay.log" 2>&1 &
RELAY_PID=$!
relay_port=""
for ((tries = 0; tries < 100; tries++)); do
  relay_port="$(sed -n 's/^relay listening on \([0-9]*\)$/\1/p' "$work/relay.log")"
  [[ -n "$relay_port" ]] && break
  sleep 0.1
done
[[ -n "$relay_port" ]] || { echo "the relay did not start" >&2; cat "$work/relay.log" >&2; exit 1; }
timeout 400 node "$here/live_bench.mjs" --target relay --url "ws://127.0.0.1:$relay_port/" \
  --clients "$clients" --rate "$rate" --seconds "$seconds" >"$work/relay.json"

node - "$work/coalign.json" "$work/relay.json" <<'JS'
const fs = require("fs");
const [c, r] = process.argv.slice(2).map((file) => JSON.parse(fs.readFileSync(file, "utf8")));
const ms = (value) => (value == null || Number.isNaN(value) ? "n/a" : value.toFixed(2));
const row = (name, x) =>
  `${name.padEnd(16)} ${String(x.clients).padStart(7)} ${x.rate.toFixed(1).padStart(7)} ${String(x.deliveries).padStart(10)}` +
  ` ${String(x.missing).padStart(7)} ${x.mean_message_bytes.toFixed(0).padStart(6)}` +
  ` ${ms(x.p50).padStart(8)} ${ms(x.p95).padStart(8)} ${ms(x.p99).padStart(8)} ${ms(x.max).padStart(8)}`;
console.log("Live feed: edit-to-delivery latency (ms), every client of one coalition");
console.log(`${"peer".padEnd(16)} ${"clients".padStart(7)} ${"edits/s".padStart(7)} ${"deliveries".padStart(10)} ${"missing".padStart(7)} ${"bytes".padStart(6)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"p99".padStart(8)} ${"max".padStart(8)}`);
console.log(row("coalign", c));
console.log(row("node ws relay", r));
const ratio = (a, b) => (b > 0 ? (a / b).toFixed(2) : "n/a");
console.log(`ratio coalign/relay (lower is better): p50 ${ratio(c.p50, r.p50)}  p95 ${ratio(c.p95, r.p95)}  p99 ${ratio(c.p99, r.p99)}  max ${ratio(c.max, r.max)}`);
console.log(`coalign writer push->commit ack: p50 ${ms(c.writer_ack_p50)} ms, p99 ${ms(c.writer_ack_p99)} ms; refused pushes ${c.refused}`);
console.log(`aim: coalign p99 <= 50 ms -> ${c.p99 <= 50 ? "met" : "MISSED"}; not behind the relay (p99 ratio <= 1) -> ${c.p99 <= r.p99 ? "met" : "MISSED"}`);
if (c.missing > 0 || r.missing > 0) console.log(`WARNING: deliveries missing (coalign ${c.missing}, relay ${r.missing})`);
JS
