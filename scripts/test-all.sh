#!/usr/bin/env bash
# The whole test suite (README's test command, `npm test`; .ci/run calls exactly this):
#   1. build (TypeChain typings for tsc), then the    5. OpenZeppelin upgrades validation of every contract (CLI)
#      EIP-170 size gate (2 KB headroom)
#   2. Solidity fuzz/invariant tests + mocha tests    6. end-to-end on a real `hardhat node`: deploy twice,
#   3. type-check, SDK build (packages/sdk -> dist)     every task, the keeper, the demo, and
#   4. lint: eslint, solhint (zero warnings),         the console's views in Chromium (Playwright)
#      prettier --check                               7. coverage of contracts/ with a threshold
#   (6 runs twice: on `hardhat node`, then on Foundry's anvil; the console's browser checks on the first)
# Prints one line per gate and ends with "N passed, N failed" (tests and e2e checks counted one by one, each
# other gate as one). KEEL_SKIP_COVERAGE=1, KEEL_SKIP_E2E=1 or KEEL_SKIP_ANVIL=1 skip those (local use).
set -uo pipefail
cd "$(dirname "$0")/.."
export HARDHAT_DISABLE_TELEMETRY=true
LOG_DIR="${TMPDIR:-/tmp}/keel-test-$$"; mkdir -p "$LOG_DIR"
passed=0; failed=0; status=0
strip() { sed -r 's/\x1B\[[0-9;]*[A-Za-z]//g' "$1"; }

gate() { # gate <name> <command...>: one gate, counted as one test
  local name="$1"; shift
  local started=$SECONDS
  if "$@" >"$LOG_DIR/$name.log" 2>&1; then passed=$((passed + 1)); echo "✔ $name ($((SECONDS - started))s)";
  else failed=$((failed + 1)); status=1; echo "✘ $name ($((SECONDS - started))s)"; strip "$LOG_DIR/$name.log" | tail -60; fi
}

gate build npx hardhat build --quiet
gate sizes npx hardhat run scripts/check-sizes.ts

# Hardhat tests: Solidity tests, then mocha tests; counts come from Hardhat's own summary. In CI the Solidity
# suite runs the "ci" profile (more fuzz runs, deeper invariants) with a seed that changes per run.
profile=(); [ -n "${CI:-}" ] && profile=(--test-profile ci)
export KEEL_FUZZ_SEED="${KEEL_FUZZ_SEED:-0x$(printf '%x' "$(date +%s)")}"
echo "• hardhat test ${profile[*]:-} (fuzz seed $KEEL_FUZZ_SEED in the ci profile; rerun a failure with KEEL_FUZZ_SEED=...)"
npx hardhat test "${profile[@]}" 2>&1 | tee "$LOG_DIR/hardhat-test.log" | grep -E "passing|failing|✘|[0-9]+\) " || true
ht=${PIPESTATUS[0]}
summary=$(strip "$LOG_DIR/hardhat-test.log" | grep -E '^[0-9]+ passing' | tail -1)
p=$(echo "$summary" | grep -Eo '^[0-9]+' || echo 0)
f=$(strip "$LOG_DIR/hardhat-test.log" | grep -Eo '^ *[0-9]+ failing' | awk '{s+=$1} END {print s+0}')
passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
if [ "$ht" -ne 0 ]; then status=1; [ "${f:-0}" -eq 0 ] && failed=$((failed + 1)); strip "$LOG_DIR/hardhat-test.log" | grep -A30 -E "failing|Error" | head -80; fi
echo "• hardhat test: ${summary:-no summary} (exit $ht)"

gate typecheck npx tsc --noEmit
gate sdk-build bash -c "npm run --silent build -w @keel/sdk && npm run --silent smoke -w @keel/sdk"
# Lint (npm run lint): ESLint on all TypeScript, solhint on Solidity (zero warnings), Prettier's format check.
gate eslint npm run --silent lint:ts
gate solhint npm run --silent lint:sol
gate prettier npm run --silent format:check
gate validate-upgrades bash -c "npx hardhat build --force --quiet && npx openzeppelin-upgrades-core validate artifacts/build-info --exclude 'contracts/mocks/**' --exclude 'test/fixtures/upgrades/*Mock*.sol'"

# e2e on a real node, twice: `hardhat node`, then Foundry's anvil (a second, independent node implementation;
# scripts/with-node.sh KEEL_NODE). Each check is counted.
e2e_on() { # e2e_on <hardhat|anvil> <port>
  echo "• e2e on a real $1 node"
  KEEL_NODE="$1" KEEL_NODE_PORT="$2" bash scripts/with-node.sh bash scripts/e2e-local.sh 2>&1 | tee "$LOG_DIR/e2e-$1.log" | grep -E "^(✔|✘|    )" || true
  local e2e ep ef
  e2e=$(strip "$LOG_DIR/e2e-$1.log" | grep -E '^e2e: [0-9]+ passed' | tail -1)
  ep=$(echo "$e2e" | grep -Eo '[0-9]+ passed' | grep -Eo '[0-9]+' || echo 0)
  ef=$(echo "$e2e" | grep -Eo '[0-9]+ failed' | grep -Eo '[0-9]+' || echo 0)
  if [ -z "$e2e" ]; then ef=1; strip "$LOG_DIR/e2e-$1.log" | tail -30; fi
  echo "• e2e on $1: ${e2e:-no summary}"
  passed=$((passed + ep)); failed=$((failed + ef)); [ "$ef" -ne 0 ] && status=1
}
if [ -z "${KEEL_SKIP_E2E:-}" ]; then
  e2e_on hardhat "${KEEL_NODE_PORT:-8545}"
  [ -z "${KEEL_SKIP_ANVIL:-}" ] && e2e_on anvil "${KEEL_ANVIL_PORT:-8546}"
fi

if [ -z "${KEEL_SKIP_COVERAGE:-}" ]; then
  gate coverage npm run --silent coverage
  strip "$LOG_DIR/coverage.log" | grep -E "^(line|branch) coverage" || true
fi

echo "$passed passed, $failed failed"
exit $status
