#!/usr/bin/env bash
# View benchmark (issue 3 item 6): GET /api/coalitions/{id}/view?root=top on the Foresight
# demo map under wrk, against nginx serving the identical response bytes as a static file
# on another loopback port. Prints both requests/s and the ratio (aim >= 0.5x nginx).
#   bench/view/run.sh [BUILD_DIR] [WRK_SECONDS] [CONNECTIONS]
# COALIGN_BIN=path uses a binary built elsewhere.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../support.sh"
build="${1:-$repo_root/build-bench}"
seconds="${2:-10}" connections="${3:-32}"

if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light >/dev/null
fi
coalign_build "$build"

work="$(mktemp -d "${TMPDIR:-/tmp}"/coalign-bench-view.XXXXXX)"
chmod 755 "$work"  # nginx's workers run as nobody
NGINX_PID=""
cleanup() {
  coalign_stop
  if [[ -n "$NGINX_PID" ]]; then kill -QUIT "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

export COALIGN_SHARED_DIR="${COALIGN_SHARED_DIR:-$repo_root/../shared}"
coalign_start "$COALIGN_BIN" "$work/view.db" "$work/serve.log" --demo
token="$("$COALIGN_BIN" user token --db "$work/view.db" steward@demo.coalign | tail -n1)"
coalition="$(sed -n 's/^demo: loaded Foresight.* as coalition \([0-9]*\)$/\1/p' "$work/serve.log")"
[[ -n "$coalition" ]] || { echo "no Foresight demo coalition in the server's output" >&2; cat "$work/serve.log" >&2; exit 1; }
path="/api/coalitions/$coalition/view"
mkdir -p "$work/www$(dirname "$path")"
curl -sS --fail -H "Authorization: Bearer $token" "http://127.0.0.1:$COALIGN_PORT$path?root=top" -o "$work/www$path"
chmod -R a+rX "$work/www"
bytes="$(stat -c %s "$work/www$path")"

# nginx: the same bytes at the same path, keep-alive as long as wrk likes (as coalign).
nginx_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
cat >"$work/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $work/tmp-body;
  proxy_temp_path $work/tmp-proxy;
  fastcgi_temp_path $work/tmp-fastcgi;
  uwsgi_temp_path $work/tmp-uwsgi;
  scgi_temp_path $work/tmp-scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
    location / { default_type application/json; }
  }
}
CONF
nginx -c "$work/nginx.conf" -p "$work" &
NGINX_PID=$!
for ((tries = 0; tries < 100; tries++)); do
  curl -sf "http://127.0.0.1:$nginx_port$path?root=top" -o "$work/nginx-copy.json" && break
  sleep 0.1
done
cmp -s "$work/www$path" "$work/nginx-copy.json" || { echo "nginx does not serve the same bytes" >&2; cat "$work/nginx-error.log" >&2; exit 1; }

# run_wrk NAME URL: a 2 s warm-up, then the measured run; prints requests/s.
run_wrk() {
  local name="$1" url="$2" out="$work/wrk-$1.txt"
  timeout 60 wrk -t2 -c"$connections" -d2s -H "Authorization: Bearer $token" "$url" >/dev/null
  timeout $((seconds + 60)) wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "Authorization: Bearer $token" "$url" >"$out"
  if grep -q 'Non-2xx' "$out"; then echo "$name: wrk saw error responses:" >&2; cat "$out" >&2; exit 1; fi
  awk '/^Requests\/sec:/ { print $2 }' "$out"
}
latency() { awk '/^ +(50|99)%/ { printf "%s=%s ", $1, $2 }' "$work/wrk-$1.txt"; }
coalign_rps="$(run_wrk coalign "http://127.0.0.1:$COALIGN_PORT$path?root=top")"
nginx_rps="$(run_wrk nginx "http://127.0.0.1:$nginx_port$path?root=top")"

echo "Zoom view GET $path?root=top (Foresight map, $bytes bytes), wrk -t2 -c$connections -d${seconds}s"
printf '%-22s %12s   %s\n' "peer" "requests/s" "latency"
printf '%-22s %12.0f   %s\n' "coalign" "$coalign_rps" "$(latency coalign)"
printf '%-22s %12.0f   %s\n' "nginx static file" "$nginx_rps" "$(latency nginx)"
echo "ratio coalign/nginx: $(ratio "$coalign_rps" "$nginx_rps") (aim >= 0.5)"
