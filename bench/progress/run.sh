#!/usr/bin/env bash
# Progress benchmarks (issue 4 item 6):
#  1. Importing N data points (default 1,000,000) from a long-format CSV with
#     `coalign import-data` (one batch through the write path: validation, change log,
#     durable commit) against sqlite3's own `.import` of the same file into a bare table,
#     with the same durability settings (WAL, synchronous=FULL) and also SQLite's
#     defaults; best of RUNS alternating runs each; prints the ratio (aim <= 3).
#  2. GET /api/coalitions/{id}/progress on genmap.py 20000 with 3 measures per statement
#     and 20 points each (60,000 measures, 1.2M points): RUNS timed requests after one
#     warm-up; prints the median and the slowest (aim: well under a second).
#   bench/progress/run.sh [BUILD_DIR] [POINTS] [RUNS]
# COALIGN_BIN=path uses a binary built elsewhere; TMPDIR=dir puts the files there.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../support.sh"
build="${1:-$repo_root/build-bench}"
points="${2:-1000000}"
runs="${3:-3}"
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 command (scripts/setup.sh installs it)" >&2; exit 1; }

coalign_build "$build"
work="$(mktemp -d "${TMPDIR:-/tmp}"/coalign-bench-progress.XXXXXX)"
cleanup() { coalign_stop; rm -rf "$work"; }
trap cleanup EXIT
export COALIGN_SHARED_DIR="${COALIGN_SHARED_DIR:-$repo_root/../shared}"
demo="$COALIGN_SHARED_DIR/data/demo/dementia-network-calgary.coalign.json"

now() { date +%s.%N; }
best() { sort -g | head -n1; }
median() { sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

echo "== import of $points data points from CSV"
python3 "$here/gen_points.py" "$work/points.csv" "$points"
echo "file: $(du -h "$work/points.csv" | cut -f1), $(($(wc -l <"$work/points.csv") - 1)) rows"
: >"$work/t_coalign"; : >"$work/t_wal"; : >"$work/t_default"
for ((run = 1; run <= runs; run++)); do
  rm -f "$work"/bare.db*
  start=$(now)
  sqlite3 "$work/bare.db" "PRAGMA journal_mode=WAL;" "PRAGMA synchronous=FULL;" \
    "CREATE TABLE t(date TEXT, grp TEXT, value REAL);" ".mode csv" ".import --skip 1 $work/points.csv t" >/dev/null
  echo "$(now) - $start" | bc >>"$work/t_wal"
  rm -f "$work"/bare.db*
  start=$(now)
  sqlite3 "$work/bare.db" "CREATE TABLE t(date TEXT, grp TEXT, value REAL);" ".mode csv" ".import --skip 1 $work/points.csv t"
  echo "$(now) - $start" | bc >>"$work/t_default"
  rows="$(sqlite3 "$work/bare.db" "SELECT count(*) FROM t")"
  rm -f "$work"/c.db*
  "$COALIGN_BIN" import --db "$work/c.db" "$demo" >/dev/null
  start=$(now)
  "$COALIGN_BIN" import-data "$work/points.csv" --db "$work/c.db" --coalition 1 --statement PI \
    --date-column date --value-column value --group-column group 2>"$work/import.err" >"$work/import.out"
  echo "$(now) - $start" | bc >>"$work/t_coalign"
  echo "run $run: sqlite3 WAL $(tail -n1 "$work/t_wal") s, sqlite3 default $(tail -n1 "$work/t_default") s, coalign $(tail -n1 "$work/t_coalign") s"
  grep -E "read and checked|committed in" "$work/import.err" | sed 's/^/  coalign: /'
done
stored="$(sqlite3 "$work/c.db" "SELECT count(*) FROM data_points")"
[[ "$stored" == "$rows" ]] || { echo "coalign stored $stored points, sqlite3 $rows rows" >&2; exit 1; }
log="$(sqlite3 "$work/c.db" "SELECT length(ops) || ' + ' || length(inverse) FROM changes WHERE revision = 2")"
t_coalign="$(best <"$work/t_coalign")"; t_wal="$(best <"$work/t_wal")"; t_default="$(best <"$work/t_default")"
printf 'best of %d: coalign import-data %.2f s; sqlite3 .import %.2f s (WAL, synchronous=FULL), %.2f s (defaults)\n' \
  "$runs" "$t_coalign" "$t_wal" "$t_default"
printf 'ratio coalign / sqlite3 .import: %.2fx (same durability), %.2fx (sqlite3 defaults)   aim <= 3x\n' \
  "$(echo "$t_coalign / $t_wal" | bc -l)" "$(echo "$t_coalign / $t_default" | bc -l)"
echo "change log of the import: $log bytes (ops + inverse); database $(du -h "$work/c.db" | cut -f1), bare table $(du -h "$work/bare.db" | cut -f1)"

echo "== GET /progress on genmap.py 20000, 3 measures x 20 points per statement"
python3 "$COALIGN_SHARED_DIR/bench/genmap.py" 20000 --seed 1 >"$work/map.json"
"$COALIGN_BIN" import --db "$work/p.db" "$work/map.json" >"$work/import-map.out" 2>"$work/import-map.err"
coalition="$(tail -n1 "$work/import-map.out")"
"$COALIGN_BIN" user add --db "$work/p.db" bench@bench.coalign --name Bench --admin --password bench-password-1 >/dev/null
token="$("$COALIGN_BIN" user token --db "$work/p.db" bench@bench.coalign | tail -n1)"
: >"$work/serve.log"
coalign_start "$COALIGN_BIN" "$work/p.db" "$work/serve.log"
start=$(now)
python3 "$here/add_measures.py" "http://127.0.0.1:$COALIGN_PORT" "$token" "$coalition" "$work/map.json" 3 20
printf 'added them through POST /changes (10 batches) in %.1f s\n' "$(echo "$(now) - $start" | bc)"
url="http://127.0.0.1:$COALIGN_PORT/api/coalitions/$coalition/progress?as_of=2012-06-30"
curl -sf -H "Authorization: Bearer $token" -o "$work/progress.json" "$url"
echo "response: $(du -h "$work/progress.json" | cut -f1), $(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(len(d['measures']), 'measures,', len(d['statements']), 'statements')" "$work/progress.json")"
: >"$work/t_progress"; : >"$work/t_cached"
for ((run = 1; run <= 5 * runs; run++)); do
  # A new as_of each time is computed afresh; the same one again comes from the cache.
  cold="http://127.0.0.1:$COALIGN_PORT/api/coalitions/$coalition/progress?as_of=$((2001 + run))-03-01"
  curl -sf -H "Authorization: Bearer $token" -o /dev/null -w '%{time_total}\n' "$cold" >>"$work/t_progress"
  curl -sf -H "Authorization: Bearer $token" -o /dev/null -w '%{time_total}\n' "$cold" >>"$work/t_cached"
done
printf 'GET /progress computed: median %.3f s, slowest %.3f s over %d dates   aim: well under 1 s\n' \
  "$(median <"$work/t_progress")" "$(sort -g "$work/t_progress" | tail -n1)" "$((5 * runs))"
printf 'GET /progress again (cached per revision and date): median %.3f s\n' "$(median <"$work/t_cached")"
