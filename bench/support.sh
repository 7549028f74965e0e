# Shared by the bench/*/run.sh scripts and tests/durability/kill_test.sh (sourced, not run).
# Builds coalign, starts a server on a database and stops it by its own pid.

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# coalign_build BUILD_DIR: configures (Release) if needed and builds the server binary;
# sets COALIGN_BIN. With COALIGN_BIN already set (a binary built elsewhere), builds nothing.
coalign_build() {
  local build="$1"
  if [[ -n "${COALIGN_BIN:-}" ]]; then
    [[ -x "$COALIGN_BIN" ]] || { echo "COALIGN_BIN=$COALIGN_BIN is not an executable" >&2; return 1; }
    return 0
  fi
  COALIGN_BIN="$build/coalign"
  if [[ ! -f "$build/build.ninja" ]]; then
    cmake -S "$repo_root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
  ninja -C "$build" -j2 coalign >/dev/null
}

# coalign_start BINARY DB LOG [serve options...]: starts `coalign serve` on a free port,
# waits (at most 60 s) for it to listen, and sets COALIGN_PID and COALIGN_PORT.
coalign_start() {
  local binary="$1" db="$2" log="$3"
  shift 3
  : >"$log"  # exists before the first look below (the server's redirect may come later)
  "$binary" serve --db "$db" --port 0 "$@" >"$log" 2>&1 &
  COALIGN_PID=$!
  COALIGN_PORT=""
  local tries
  for ((tries = 0; tries < 600; tries++)); do
    COALIGN_PORT="$(sed -n 's|^Open http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$log" | head -n1)"
    [[ -n "$COALIGN_PORT" ]] && return 0
    if ! kill -0 "$COALIGN_PID" 2>/dev/null; then
      echo "coalign serve exited before listening:" >&2
      cat "$log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "coalign serve did not listen within 60 s" >&2
  return 1
}

# coalign_stop: stops the server started by coalign_start (SIGTERM, then SIGKILL after 10 s).
coalign_stop() {
  [[ -n "${COALIGN_PID:-}" ]] || return 0
  if kill -0 "$COALIGN_PID" 2>/dev/null; then
    kill -TERM "$COALIGN_PID" 2>/dev/null || true
    local tries
    for ((tries = 0; tries < 100; tries++)); do
      kill -0 "$COALIGN_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$COALIGN_PID" 2>/dev/null || true
  fi
  wait "$COALIGN_PID" 2>/dev/null || true
  COALIGN_PID=""
}

# ratio A B: A / B with two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }
