#!/usr/bin/env bash
# Sets everything up, then runs every test: C++ unit and API integration tests (CTest),
# the web app's unit tests (vitest) and the browser tests (Playwright driving Debian's
# Chromium). Ends with one line:
# "tests: N passed, M failed".
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$here/scripts/build.sh" || { echo "tests: 0 passed, 1 failed (the build failed)"; exit 1; }

passed=0; failed=0
ctest_log="$(mktemp)"
(cd "$here/build" && ctest --output-on-failure -j 2 --timeout 900) 2>&1 | tee "$ctest_log"
summary="$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' "$ctest_log" | tail -1)"
if [[ -n "$summary" ]]; then
  total="$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$summary")"
  bad="$(sed -E 's/.* ([0-9]+) tests failed.*/\1/' <<<"$summary")"
  passed=$((passed + total - bad)); failed=$((failed + bad))
else
  failed=$((failed + 1))
fi

# The web app's unit tests (vitest): layout, stores, pages' helpers.
if [[ -f "$here/web/package.json" ]]; then
  vitest_json="$(mktemp)"
  (cd "$here/web" && npx vitest run --reporter=default --reporter=json --outputFile="$vitest_json")
  vitest_status=$?
  read -r v_pass v_fail < <(node -e '
    try { const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(r.numPassedTests, r.numFailedTests); }
    catch { console.log("0 0"); }' "$vitest_json")
  passed=$((passed + v_pass)); failed=$((failed + v_fail))
  if [[ $vitest_status -ne 0 && $v_fail -eq 0 ]]; then failed=$((failed + 1)); fi
  rm -f "$vitest_json"
fi

if [[ -f "$here/tests/e2e/run.sh" ]]; then
  e2e_log="$(mktemp)"
  COALIGN_BINARY="$here/build/coalign" bash "$here/tests/e2e/run.sh" 2>&1 | tee "$e2e_log"
  e2e_status=${PIPESTATUS[0]}
  e2e_pass="$(grep -E '^# pass [0-9]+' "$e2e_log" | tail -1 | awk '{print $3}')"
  e2e_fail="$(grep -E '^# fail [0-9]+' "$e2e_log" | tail -1 | awk '{print $3}')"
  passed=$((passed + ${e2e_pass:-0})); failed=$((failed + ${e2e_fail:-0}))
  if [[ $e2e_status -ne 0 && ${e2e_fail:-0} -eq 0 ]]; then failed=$((failed + 1)); fi
fi

echo "tests: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
