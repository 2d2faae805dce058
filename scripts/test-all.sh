#!/usr/bin/env bash
# The whole test suite: Solidity fuzz/invariant tests and mocha tests (hardhat test), type-check, then a summary line.
# Usage: npm test        (README's test command; .ci/run calls exactly this)
set -uo pipefail
cd "$(dirname "$0")/.."
export HARDHAT_DISABLE_TELEMETRY=true
LOG_DIR="${TMPDIR:-/tmp}/keel-test-$$"; mkdir -p "$LOG_DIR"
passed=0; failed=0; status=0

step() { # step <name> <command...>: runs a gate that counts as one test
  local name="$1"; shift
  if "$@" >"$LOG_DIR/$name.log" 2>&1; then passed=$((passed + 1)); echo "✔ $name";
  else failed=$((failed + 1)); status=1; echo "✘ $name"; tail -40 "$LOG_DIR/$name.log"; fi
}

# 1. Build (TypeChain typings are generated here and needed by tsc).
step build npx hardhat build --quiet
# 2. Hardhat tests: Solidity tests, then mocha tests. Counts come from Hardhat's own summary.
npx hardhat test 2>&1 | tee "$LOG_DIR/hardhat-test.log"
ht=${PIPESTATUS[0]}
strip() { sed -r 's/\x1B\[[0-9;]*[A-Za-z]//g' "$1"; }
p=$(strip "$LOG_DIR/hardhat-test.log" | grep -Eo '^[0-9]+ passing' | tail -1 | grep -Eo '^[0-9]+' || echo 0)
f=$(strip "$LOG_DIR/hardhat-test.log" | grep -Eo '^[0-9]+ failing' | tail -1 | grep -Eo '^[0-9]+' || echo 0)
passed=$((passed + p)); failed=$((failed + f))
if [ "$ht" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); status=1; echo "✘ hardhat test exited $ht"; fi
[ "$ht" -ne 0 ] && status=1
# 3. Type-check scripts, tests, tasks and deploy code.
step typecheck npx tsc --noEmit

echo "$passed passed, $failed failed"
exit $status
