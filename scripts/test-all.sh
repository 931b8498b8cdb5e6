#!/usr/bin/env bash
# npm test: everything CI runs. Static checks (typecheck, lint, manifest) count as one test each, then the
# vitest projects and the Playwright end-to-end suite. Ends with a plain "N passed, N failed" line.
set -u
cd "$(dirname "$0")/.."
mkdir -p reports
rm -f reports/vitest.json reports/playwright.json reports/checks.json

checks_passed=0
checks_failed=0
run_check() {
  local name="$1"
  shift
  echo "── ${name}"
  if "$@"; then
    checks_passed=$((checks_passed + 1))
  else
    echo "ÉCHEC : ${name}"
    checks_failed=$((checks_failed + 1))
  fi
}

run_check "typecheck" npx tsc --noEmit -p tsconfig.json
run_check "lint" npm run -s lint
run_check "validate manifest" npx tsx scripts/validate-manifest.ts manifest.xml
echo "{\"passed\":${checks_passed},\"failed\":${checks_failed}}" > reports/checks.json

echo "── unit and component tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json
vitest_status=$?

echo "── end-to-end tests (Playwright, Chromium)"
npx playwright test
playwright_status=$?

npx tsx scripts/test-summary.ts reports/checks.json reports/vitest.json reports/playwright.json
summary_status=$?

if [ $summary_status -ne 0 ] || [ $vitest_status -ne 0 ] || [ $playwright_status -ne 0 ] || [ $checks_failed -ne 0 ]; then
  exit 1
fi
