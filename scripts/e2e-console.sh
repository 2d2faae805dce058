#!/usr/bin/env bash
# The console (packages/console) in a real browser against the node at KEEL_RPC_URL, after the demo: Debian's
# Chromium (installed with apt-get when /usr/bin/chromium is absent and we are root, as in CI), both packages built,
# a proposal left queued and the mock feeds fresh, then the Playwright test (packages/console/test/console.spec.ts), one ✔/✘ check per test: one per view, and one
# that the page's units are the SDK's. Screenshots and the JSON report go to test-results/console/.
# Sourced at the end of scripts/e2e-local.sh (its ok/ko counters); alone, against a node that has run the demo:
#   KEEL_RPC_URL=http://127.0.0.1:8545 bash scripts/e2e-console.sh
if ! declare -F ok >/dev/null; then
  set -uo pipefail
  cd "$(dirname "$0")/.."
  CONSOLE_ALONE=1 pass=0 fail=0 OUT="${TMPDIR:-/tmp}/keel-e2e-console-$$.log"
  ok() { pass=$((pass + 1)); echo "✔ $1"; }
  ko() { fail=$((fail + 1)); echo "✘ $1"; sed 's/^/    /' "$OUT" | tail -15; }
fi

CHROMIUM="${KEEL_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  started=$SECONDS
  if [ "$(id -u)" -eq 0 ] && { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >"$OUT" 2>&1 && [ -x "$CHROMIUM" ]; then
    ok "console: Chromium installed from Debian (apt-get install chromium, $((SECONDS - started))s)"
  else
    echo "needs $CHROMIUM: as root, apt-get install -y chromium (or set KEEL_CHROMIUM)" >>"$OUT"; ko "console: Chromium from Debian"
  fi
fi
if { npm run --silent build -w @keel/sdk && npm run --silent build -w @keel/console; } >"$OUT" 2>&1; then
  ok "console: @keel/sdk and @keel/console build (tsc)"; else ko "console: @keel/sdk and @keel/console build (tsc)"; fi
# A proposal left queued, so the governance view has a countdown to show: Keel's own tasks, on the dev clock (the
# description names the time, so a second run on the same node opens a new proposal).
if npx hardhat keel gov propose --action flash-premium:9:0 --description "Console check $(date -u +%FT%TZ): flash premium 9 bps" --network localhost >"$OUT" 2>&1 \
  && QID=$(grep -Eo 'proposal [0-9]+ opened' "$OUT" | head -1 | awk '{print $2}') && [ -n "$QID" ] \
  && npx hardhat keel gov vote "$QID" --support for --from 0 --travel --network localhost >"$OUT" 2>&1 \
  && npx hardhat keel gov queue "$QID" --travel --network localhost >"$OUT" 2>&1; then
  ok "console set-up: a proposal (flash premium, base tier) left queued for the countdown"
else ko "console set-up: a proposal left queued for the countdown"; fi

# The mock price feeds stand for live Chainlink feeds, which keep posting: after the e2e's time travel (keel gov ... --travel)
# their answers are stale and the spokes refuse to value accounts (the console shows that refusal). Like every actor
# outside Keel, they are driven straight on the dev node: each re-posts its answer, sent by the node's first account.
if node -e '
  const { Contract, JsonRpcProvider } = require("ethers");
  const record = require(process.argv[1]);
  const abi = ["function latestRoundData() view returns (uint80, int256, uint256, uint256, uint80)", "function setAnswer(int256)"];
  (async () => {
    const provider = new JsonRpcProvider(process.argv[2]);
    const signer = await provider.getSigner(0);
    const feeds = Object.values(record.contracts).filter((c) => c.contract === "MockAggregator");
    for (const f of feeds) { const feed = new Contract(f.address, abi, signer); await (await feed.setAnswer((await feed.latestRoundData())[1])).wait(); }
    console.log(`${feeds.length} mock feeds re-posted`);
    provider.destroy();
  })().catch((e) => { console.error(e.message); process.exit(1); });' "$PWD/deployments/localhost.json" "${KEEL_RPC_URL:-http://127.0.0.1:8545}" >"$OUT" 2>&1; then
  ok "console set-up: the mock feeds re-post their answers ($(tail -1 "$OUT" | grep -Eo '^[0-9]+') feeds, as live feeds would after the time travel)"
else ko "console set-up: the mock feeds re-post their answers"; fi

# The dev signer's account (packages/console/test/env.ts DEV_ACCOUNT): mock USDC from Keel's faucet task to supply.
if npx hardhat keel faucet USDC 1000 --to 14 --network localhost >"$OUT" 2>&1 && grep -q "minted 1,000 USDC" "$OUT"; then
  ok "console set-up: dev account #14 gets 1,000 mock USDC for the dev signer"; else ko "console set-up: dev account #14 gets 1,000 mock USDC"; fi

REPORT=test-results/console/report.json
rm -f "$REPORT"
started=$SECONDS
KEEL_CONSOLE_PORT="${KEEL_CONSOLE_PORT:-8546}" KEEL_CHROMIUM="$CHROMIUM" npm run --silent test:browser -w @keel/console >"$OUT" 2>&1
browser_s=$((SECONDS - started))
tests=0
while IFS=$'\t' read -r status title; do
  tests=$((tests + 1))
  if [ "$status" = passed ]; then ok "console: $title"; else ko "console: $title"; fi
done < <(node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const walk = (s) => { for (const sp of s.specs ?? []) console.log(`${sp.ok ? "passed" : "failed"}\t${sp.title}`); (s.suites ?? []).forEach(walk); };
  (r.suites ?? []).forEach(walk);' "$REPORT" 2>/dev/null)
if [ "$tests" -eq 0 ]; then ko "console: the browser test did not run (no $REPORT)"; fi
echo "• console browser test: $tests test(s) in ${browser_s}s, screenshots in test-results/console/"

if [ -n "${CONSOLE_ALONE:-}" ]; then
  rm -f "$OUT"
  echo "console: $pass passed, $fail failed"
  [ "$fail" -eq 0 ]
fi
