#!/usr/bin/env bash
# Analysis benchmark (DESIGN.md §6: ratios against a peer measured in the same run).
#
#   bench/analysis/run.sh [BUILD_DIR]      (default: build/ beside bench/)
#
# 1. genmap 2000, the whole suite except betweenness: `coalign analyze` against the
#    reference (shared/reference/analysis_reference.py), whole processes (read the
#    file, analyse, print JSON), and the outputs compared.
# 2. genmap 20000, betweenness alone: coalign's Brandes against python-igraph's
#    Graph.betweenness(directed=True), computation only (no parsing) in both.
# 3. genmap 100000, the whole suite except betweenness: time and peak memory.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${1:-$root/build}"
shared="${COALIGN_SHARED_DIR:-$root/../shared}"
python=/usr/bin/python3
coalign="$build/coalign"
bench="$build/bench/analysis_bench"
suite="structure,domain,central,reach,potency,components,loops,view,scenario"
drivers="s1,s2,s3"

for tool in "$coalign" "$bench"; do
  [[ -x "$tool" ]] || { echo "missing $tool: build it first (ninja -C $build coalign analysis_bench)" >&2; exit 1; }
done
"$python" -c 'import networkx' 2>/dev/null || { echo "needs python3-networkx" >&2; exit 1; }

work="$(mktemp -d /tmp/coalign-bench-XXXXXX)"
trap 'rm -rf "$work"' EXIT
for size in 2000 20000 100000; do "$python" "$shared/bench/genmap.py" "$size" --seed 1 > "$work/g$size.json"; done

now() { date +%s.%N; }
ratio() { "$python" -c "print(f'{$1 / $2:.1f}')"; }

echo "== 1. genmap 2000, whole suite except betweenness: coalign analyze vs the reference"
# Interleaved, best of 3 each (whole processes), so that both meet the same load.
reference_seconds=1e9 best=1e9
for run in 1 2 3; do
  start=$(now)
  "$python" "$shared/reference/analysis_reference.py" "$work/g2000.json" --only "$suite" --scenario "$drivers" > "$work/ref.json"
  reference_seconds=$("$python" -c "print(min($reference_seconds, $(now) - $start))")
  start=$(now)
  "$coalign" analyze "$work/g2000.json" --only "$suite" --scenario "$drivers" > "$work/ours.json"
  best=$("$python" -c "print(min($best, $(now) - $start))")
done
if cmp -s "$work/ref.json" "$work/ours.json"; then same="identical output"; else same="OUTPUT DIFFERS"; fi
printf "reference %.3f s, coalign %.4f s (best of 3 each, whole processes; %s)\n" "$reference_seconds" "$best" "$same"
echo "ratio (reference / coalign): $(ratio "$reference_seconds" "$best")x"
echo "coalign in process (best of 5):"
"$bench" "$work/g2000.json" --only "$suite" --repeat 5 | sed 's/^/  /'

echo
echo "== 2. genmap 20000, betweenness: coalign vs python-igraph (computation only)"
if "$python" -c 'import igraph' 2>/dev/null; then
  cat > "$work/igraph_betweenness.py" <<'PY'
import json, sys, time
import igraph
doc = json.load(open(sys.argv[1]))
ids = sorted({s["id"] for s in doc["statements"]})
index = {sid: k for k, sid in enumerate(ids)}
edges, seen = [], set()
for link in doc.get("links", []):
    a, b = link["from"], link["to"]
    if a == b or a not in index or b not in index or (a, b) in seen:
        continue
    seen.add((a, b))
    edges.append((index[a], index[b]))
g = igraph.Graph(n=len(ids), edges=edges, directed=True)
n = len(ids)
start = time.perf_counter()
values = g.betweenness(directed=True)
scale = 1.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
values = [v * scale for v in values]
print(time.perf_counter() - start)
json.dump(dict(zip(ids, values)), open(sys.argv[1] + ".igraph", "w"))
PY
  # Interleaved, best of 3 each, so that both meet the same load on a shared machine.
  igraph_seconds=1e9 ours_one=1e9 ours_all=1e9
  for run in 1 2 3; do
    igraph_seconds=$("$python" -c "print(min($igraph_seconds, $("$python" "$work/igraph_betweenness.py" "$work/g20000.json")))")
    one=$("$bench" "$work/g20000.json" --only betweenness --threads 1 | awk '$1 == "betweenness" {print $2}')
    ours_one=$("$python" -c "print(min($ours_one, $one))")
    all=$("$bench" "$work/g20000.json" --only betweenness | awk '$1 == "betweenness" {print $2}')
    ours_all=$("$python" -c "print(min($ours_all, $all))")
  done
  "$coalign" analyze "$work/g20000.json" --only betweenness > "$work/b.json"
  agreement=$("$python" -c "
import json
a = json.load(open('$work/g20000.json.igraph')); b = json.load(open('$work/b.json'))['betweenness']
print(f'{max(abs(a[k] - b[k]) for k in a):.1e}')")
  printf "python-igraph %.3f s, coalign %.3f s on 1 thread, %.3f s on %s threads (best of 3; largest difference %s)\n" \
    "$igraph_seconds" "$ours_one" "$ours_all" "$(nproc)" "$agreement"
  echo "ratio (igraph / coalign): $(ratio "$igraph_seconds" "$ours_one")x on 1 thread, $(ratio "$igraph_seconds" "$ours_all")x on all threads"
else
  echo "skipped: python3-igraph is not installed (apt-get install -y python3-igraph)"
fi

echo
echo "== 3. genmap 100000, whole suite except betweenness: coalign analyze alone"
/usr/bin/time -v "$coalign" analyze "$work/g100000.json" --only "$suite" --scenario "$drivers" > /dev/null 2> "$work/time.txt"
elapsed=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
peak_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
echo "elapsed $elapsed (m:ss), peak memory $((peak_kb / 1024)) MB (aims: < 10 s, < 2048 MB)"
echo "in process:"
"$bench" "$work/g100000.json" --only "$suite" | sed 's/^/  /'
