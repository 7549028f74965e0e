#!/usr/bin/env bash
# History benchmark: reading revision 1 and a middle revision of a 10,000-change history,
# with checkpoints against without (ratio), in one process.
#   bench/history/run.sh [BUILD_DIR] [CHANGES]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${1:-$here/../../build}"
ninja -C "$build" -j2 history_bench >/dev/null
"$build/bench/history_bench" "${2:-10000}"
