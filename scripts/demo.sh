#!/usr/bin/env bash
# The demo's steps against the node given by KEEL_RPC_URL (scripts/with-node.sh starts one): the story, then the
# status table. `npm run demo` = scripts/with-node.sh scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
npx hardhat run scripts/demo.ts --network localhost
echo
npx hardhat keel status --network localhost
