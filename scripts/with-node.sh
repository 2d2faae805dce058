#!/usr/bin/env bash
# Runs a command against a real JSON-RPC node on 127.0.0.1:$KEEL_NODE_PORT (default 8545), and stops the node whatever
# happens (its own process group: `npx` forks the real node process). KEEL_NODE picks the implementation:
# `hardhat` (default, `hardhat node`) or `anvil` (Foundry's node from the npm package @foundry-rs/anvil, started like
# `hardhat node`: chain 31337, the same 20 dev accounts of 10,000 ETH, 30M gas per block, automine).
#   scripts/with-node.sh <command...>
# With KEEL_RPC_URL set, uses that node instead and starts nothing.
set -uo pipefail
cd "$(dirname "$0")/.."
PORT="${KEEL_NODE_PORT:-8545}"
export HARDHAT_DISABLE_TELEMETRY=true

if [ -n "${KEEL_RPC_URL:-}" ]; then
  exec "$@"
fi

if curl -sf -H 'content-type: application/json' --data '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' \
  "http://127.0.0.1:$PORT" >/dev/null 2>&1; then
  echo "✘ something already listens on 127.0.0.1:$PORT; stop it or set KEEL_NODE_PORT / KEEL_RPC_URL" >&2
  exit 1
fi

IMPL="${KEEL_NODE:-hardhat}"
LOG="${TMPDIR:-/tmp}/keel-node-$PORT.log"
set -m
case "$IMPL" in
  hardhat) npx hardhat node --hostname 127.0.0.1 --port "$PORT" >"$LOG" 2>&1 & ;;
  anvil) npx anvil --host 127.0.0.1 --port "$PORT" --accounts 20 --balance 10000 --chain-id 31337 --gas-limit 30000000 >"$LOG" 2>&1 & ;;
  *) echo "✘ KEEL_NODE=$IMPL: expected hardhat or anvil" >&2; exit 1 ;;
esac
NODE_PID=$!
set +m
cleanup() { kill -- "-$NODE_PID" 2>/dev/null; wait "$NODE_PID" 2>/dev/null; }
trap cleanup EXIT INT TERM

for _ in $(seq 1 240); do
  if curl -sf -H 'content-type: application/json' --data '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' \
    "http://127.0.0.1:$PORT" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$NODE_PID" 2>/dev/null; then echo "✘ $IMPL node died:" >&2; cat "$LOG" >&2; exit 1; fi
  sleep 0.5
done
echo "• $IMPL node up on http://127.0.0.1:$PORT (pid $NODE_PID, log $LOG)"
export KEEL_RPC_URL="http://127.0.0.1:$PORT"
"$@"
status=$?
exit $status
