#!/usr/bin/env bash
# End-to-end checks against a real `hardhat node` (run through scripts/with-node.sh, which sets KEEL_RPC_URL):
# deployment twice (idempotent), every task's happy path and its clear failure on bad input, the keeper, the demo,
# governance upgrades, and at the end the console in a real browser (scripts/e2e-console.sh: one check per view).
# Prints one ✔/✘ line per check and a final "e2e: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export HARDHAT_DISABLE_TELEMETRY=true
NET=(--network localhost)
pass=0; fail=0
OUT="${TMPDIR:-/tmp}/keel-e2e-$$.log"

ok() { pass=$((pass + 1)); echo "✔ $1"; }
ko() { fail=$((fail + 1)); echo "✘ $1"; sed 's/^/    /' "$OUT" | tail -15; }

# expect_ok <name> <regex> <cmd...>: the command succeeds and its output matches regex.
expect_ok() {
  local name="$1" re="$2"; shift 2
  if "$@" >"$OUT" 2>&1 && grep -Eq -- "$re" "$OUT"; then ok "$name"; else ko "$name"; fi
}
# expect_fail <name> <regex> <cmd...>: the command fails (non-zero) and prints the expected readable error.
expect_fail() {
  local name="$1" re="$2"; shift 2
  if ! "$@" >"$OUT" 2>&1 && grep -Eq -- "$re" "$OUT" && ! grep -Eq '0x[0-9a-f]{64,}' "$OUT"; then ok "$name"; else ko "$name"; fi
}

rm -f deployments/localhost.json
expect_fail "tasks: a missing deployment is reported, not a stack trace" "No complete Keel deployment" npx hardhat keel status "${NET[@]}"
expect_ok "deploy: fresh deployment on the node" "Done in" npx hardhat run deploy/deploy.ts "${NET[@]}"
cp deployments/localhost.json "$OUT.first"
expect_ok "deploy: second run is idempotent (skips everything)" "already at" npx hardhat run deploy/deploy.ts "${NET[@]}"
if grep -q "deploying" "$OUT"; then ko "deploy: second run deployed nothing"; else ok "deploy: second run deployed nothing"; fi
if node -e 'const fs=require("fs"),r=(f)=>JSON.parse(fs.readFileSync(f,"utf8")),a=r(process.argv[1]),b=r(process.argv[2]);for(const k of Object.keys(a.contracts))if(a.contracts[k].address!==b.contracts[k].address)process.exit(1)' "$OUT.first" "$PWD/deployments/localhost.json"; then
  ok "deploy: addresses unchanged by the second run"; else ko "deploy: addresses unchanged by the second run"; fi

expect_ok "keel status shows modules and reserves" "Pool .*1\.0\.0" npx hardhat keel status "${NET[@]}"
expect_ok "keel status shows the eMode spoke on the shared hub, with its hub caps" "wstETH .* 100000/0" npx hardhat keel status "${NET[@]}"
expect_ok "keel faucet mints mock USDC" "minted 10,000 USDC" npx hardhat keel faucet USDC 10000 --to 3 "${NET[@]}"
expect_ok "keel faucet mints mock WETH" "minted 10 WETH" npx hardhat keel faucet WETH 10 --to 4 "${NET[@]}"
expect_ok "keel supply supplies USDC" "supplied 10,000 USDC" npx hardhat keel supply USDC 10000 --from 3 "${NET[@]}"
expect_ok "keel supply supplies WETH" "supplied 10 WETH" npx hardhat keel supply weth 10 --from 4 "${NET[@]}"
expect_ok "keel borrow borrows USDC" "borrowed 5,000 USDC" npx hardhat keel borrow USDC 5000 --from 4 "${NET[@]}"
expect_ok "keel account shows the position" "health factor" npx hardhat keel account --user 4 "${NET[@]}"
expect_ok "keel repay repays part" "repaid 1,000 USDC" npx hardhat keel repay USDC 1000 --from 4 "${NET[@]}"
expect_ok "keel faucet funds the flash-loan premium" "minted 10 USDC" npx hardhat keel faucet USDC 10 --to 3 "${NET[@]}"
expect_ok "keel flash runs an Aave-style flash loan" "premium 0.5 USDC" npx hardhat keel flash USDC 1000 --from 3 "${NET[@]}"
expect_ok "keel flash runs an ERC-3156 flash loan" "fee 0.5 USDC" npx hardhat keel flash USDC 1000 --api erc3156 --from 3 "${NET[@]}"
expect_fail "keel withdraw: more than the hub's cash is refused with the figures" 'HubInsufficientLiquidity\(available=' npx hardhat keel withdraw USDC max --from 3 "${NET[@]}"
expect_ok "keel withdraw withdraws part" "withdrew 2,000 USDC" npx hardhat keel withdraw USDC 2000 --from 3 "${NET[@]}"
expect_ok "keel faucet funds the interest" "minted 100 USDC" npx hardhat keel faucet USDC 100 --to 4 "${NET[@]}"
expect_ok "keel repay repays the rest (max)" "debt left 0 USDC" npx hardhat keel repay USDC max --from 4 "${NET[@]}"
expect_ok "keel withdraw withdraws everything (max)" "withdrew" npx hardhat keel withdraw USDC max --from 3 "${NET[@]}"
# The same tasks on a further spoke (--spoke: its record name): the eMode spoke lends the hub's WETH against wstETH.
expect_ok "keel faucet mints a further spoke's mock token" "minted 5 wstETH" npx hardhat keel faucet wstETH 5 --to 6 "${NET[@]}"
expect_ok "keel supply --spoke EModePool supplies wstETH" "supplied 5 wstETH" npx hardhat keel supply wstETH 5 --spoke EModePool --from 6 "${NET[@]}"
expect_ok "keel borrow --spoke EModePool borrows the hub's WETH" "borrowed 1 WETH" npx hardhat keel borrow WETH 1 --spoke EModePool --from 6 "${NET[@]}"
expect_ok "keel account --spoke EModePool shows the eMode position" "on the spoke EModePool" npx hardhat keel account --spoke EModePool --user 6 "${NET[@]}"
expect_fail "keel supply: an unknown spoke is named with the known ones" 'Unknown spoke "Nope"\. Spokes: Pool' npx hardhat keel supply USDC 1 --spoke Nope "${NET[@]}"

expect_fail "keel supply: unknown asset symbol" 'Unknown asset "DOGE"' npx hardhat keel supply DOGE 1 "${NET[@]}"
expect_fail "keel supply: negative amount" 'Invalid amount "-5"' npx hardhat keel supply "${NET[@]}" -- USDC -5
expect_fail "keel supply: non-numeric amount" 'Invalid amount "abc"' npx hardhat keel supply USDC abc "${NET[@]}"
expect_fail "keel supply: zero amount" 'must be greater than zero' npx hardhat keel supply USDC 0 "${NET[@]}"
expect_fail "keel supply: too many decimals" 'at most 6 decimals' npx hardhat keel supply USDC 1.1234567 "${NET[@]}"
expect_fail "keel borrow: decoded custom error (no collateral)" 'PoolInsufficientCollateral\(borrowPowerBase=0' npx hardhat keel borrow USDC 1 --from 7 "${NET[@]}"
expect_fail "keel withdraw: decoded custom error (nothing supplied)" 'PoolNoSupply\(' npx hardhat keel withdraw WETH max --from 8 "${NET[@]}"
expect_fail "keel liquidate: healthy account refused with its health factor" 'PoolHealthFactorNotBelowThreshold\(healthFactor=' npx hardhat keel liquidate 0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65 --from 3 "${NET[@]}"
expect_fail "keel faucet: unknown signer index" 'No signer #99' npx hardhat keel faucet USDC 1 --to 99 "${NET[@]}"
expect_fail "tasks: wrong network is refused" 'No complete Keel deployment for network "sepolia"|SEPOLIA_RPC_URL' npx hardhat keel status --network sepolia

# NFT and RWA spokes: the `keel nft ...` and `keel rwa ...` tasks on the dev spokes (KPUNK: floor 20,000 USD, LTV 40%; TBILL: NAV
# 1.00, LTV 80%, USDC loans). What no Keel task does is done by the actors outside Keel, straight on the node (its dev
# accounts are unlocked): the mock collection's public mint, the mock issuer's allowlist and mint (the deployer is the
# issuer on dev networks), the mock floor feed's answer.
send_tx() { # send_tx <from> <to> "<function signature>" <args...>: one transaction; fails if it reverts
  local data
  data=$(node -e 'const { Interface } = require("ethers"); const [sig, ...a] = process.argv.slice(1); const i = new Interface(["function " + sig]); console.log(i.encodeFunctionData(i.fragments[0].name, a))' "$3" "${@:4}") || return 1
  curl -sf -H 'content-type: application/json' --data "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_sendTransaction\",\"params\":[{\"from\":\"$1\",\"to\":\"$2\",\"data\":\"$data\"}]}" "${KEEL_RPC_URL:-http://127.0.0.1:8545}" | grep -q '"result"'
}
recorded() { node -p "const r = require('./deployments/localhost.json'); $1"; }
ISSUER=0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 NFT_BORROWER=0xa0Ee7A142d267C1f36714E4a8F75612F20a79720 # signers #0, #9
RWA_HOLDER=0xBcd4042DE499D14e55001CcbB24a551F3b954096 BIDDER=0x71bE63f3384f5fb98995898A86B02Fb2426c5788 # #10, #11
OUTSIDER=0xFABB0ac9d68B0B445fB7357272Ff202C5651694a LENDER=0x1CBd3b2770909D4e10f157cABC84C7264073C9Ec # #12 (never allowlisted), #13
KPUNK=$(recorded 'r.contracts["NFT-KPUNK"].address') FLOOR=$(recorded 'r.contracts["NFT-KPUNK-floor"].address')
TBILL=$(recorded 'r.rwa.RwaSpoke.collaterals.TBILL.token') USDC=$(recorded 'r.reserves.USDC.asset') POOL=$(recorded 'r.contracts.Pool.address')
# The hub's USDC, which both spokes draw: a lender supplies 100,000 to the core spoke (the checks above took it all out).
if send_tx "$LENDER" "$USDC" "mint(address,uint256)" "$LENDER" 100000000000 && send_tx "$LENDER" "$USDC" "approve(address,uint256)" "$POOL" 100000000000 \
  && send_tx "$LENDER" "$POOL" "supply(address,uint256,address,uint16)" "$USDC" 100000000000 "$LENDER" 0 \
  && send_tx "$NFT_BORROWER" "$KPUNK" "mint(address)" "$NFT_BORROWER" && send_tx "$NFT_BORROWER" "$KPUNK" "mint(address)" "$NFT_BORROWER" \
  && send_tx "$BIDDER" "$USDC" "mint(address,uint256)" "$BIDDER" 10000000000 && send_tx "$RWA_HOLDER" "$USDC" "mint(address,uint256)" "$RWA_HOLDER" 100000000 \
  && send_tx "$ISSUER" "$TBILL" "setAllowed(address,bool)" "$RWA_HOLDER" true && send_tx "$ISSUER" "$TBILL" "mint(address,uint256)" "$RWA_HOLDER" 10000000000; then
  ok "nft/rwa set-up: 100,000 USDC supplied to the hub, KPUNK #1 and #2 minted, the issuer allowlists a holder and mints it 10,000 TBILL"; else ko "nft/rwa set-up: supply, mints and allowlist"; fi
expect_ok "keel nft deposit deposits KPUNK #1 at the floor" 'deposited #1 .*item value \$20,000' npx hardhat keel nft deposit 1 --from 9 "${NET[@]}"
expect_ok "keel nft deposit deposits KPUNK #2" 'collateral \$40,000, borrow power \$16,000' npx hardhat keel nft deposit 2 --from 9 "${NET[@]}"
expect_ok "keel nft borrow borrows USDC against the NFTs" "borrowed 7,000 USDC against NFTs" npx hardhat keel nft borrow USDC 7000 --from 9 "${NET[@]}"
expect_fail "keel nft borrow: beyond the borrow power, with the figures" 'NftSpokeBorrowPowerExceeded\(power=1600000000000, debt=1700000' npx hardhat keel nft borrow USDC 10000 --from 9 "${NET[@]}"
expect_fail "keel nft bid: a healthy account cannot be auctioned" "NftSpokeHealthy\\(account=$NFT_BORROWER, healthFactor=" npx hardhat keel nft bid 1 --from 11 "${NET[@]}"
expect_ok "keel nft withdraw takes #2 back (#1 still covers the loan)" "withdrew #2 to $NFT_BORROWER" npx hardhat keel nft withdraw 2 --from 9 "${NET[@]}"
expect_ok "keel nft repay repays part" "repaid 1,000 USDC of $NFT_BORROWER's NFT loan" npx hardhat keel nft repay USDC 1000 --from 9 "${NET[@]}"
if send_tx "$ISSUER" "$FLOOR" "setAnswer(int256)" 900000000000; then ok "nft: the KPUNK floor falls to 9,000 USD"; else ko "nft: the KPUNK floor falls to 9,000 USD"; fi
expect_ok "keel nft bid opens the auction at the minimum bid (95% of the item)" "bid 8,550 USDC for #1 \\(minimum was 8,550 USDC" npx hardhat keel nft bid 1 --from 11 "${NET[@]}"
expect_ok "keel nft auctions lists the running auction" "#1 of $NFT_BORROWER: highest 8,550 USDC by $BIDDER" npx hardhat keel nft auctions "${NET[@]}"
send_tx "$ISSUER" "$FLOOR" "setAnswer(int256)" 2000000000000 || ko "nft: the KPUNK floor back at 20,000 USD" # for the demo
expect_ok "keel rwa supply: an allowlisted holder supplies TBILL" "supplied 10,000 TBILL" npx hardhat keel rwa supply 10000 --from 10 "${NET[@]}"
expect_ok "keel rwa borrow borrows USDC against it" "borrowed 5,000 USDC against TBILL" npx hardhat keel rwa borrow 5000 --from 10 "${NET[@]}"
expect_ok "keel rwa status shows the draw against the cap and the position" 'drawn 5,000(\.[0-9]+)? USDC of a 5,000,000 draw cap' npx hardhat keel rwa status --user 10 "${NET[@]}"
expect_ok "keel rwa repay repays everything (max)" "repaid 5,000(\\.[0-9]+)? USDC for $RWA_HOLDER" npx hardhat keel rwa repay max --from 10 "${NET[@]}"
expect_ok "keel rwa withdraw withdraws everything (max)" "withdrew 10,000 TBILL" npx hardhat keel rwa withdraw max --from 10 "${NET[@]}"
expect_fail "keel rwa supply: a holder the issuer has not allowlisted is refused" "RwaNotAllowlisted\\(token=$TBILL, account=$OUTSIDER\\)" npx hardhat keel rwa supply 1 --from 12 "${NET[@]}"

# kUSD and kXAU (docs/stablecoin.md): buy kUSD at the PSM, borrow it against WETH with the ordinary task, repay, sell
# back; nobody may supply it, the faucet does not mint it.
expect_ok "keel faucet funds a PSM buy" "minted 1,000 USDC" npx hardhat keel faucet USDC 1000 --to 4 "${NET[@]}"
expect_ok "keel psm buy buys kUSD 1:1 less the 0.1% fee" "bought 999 kUSD for 1,000 USDC" npx hardhat keel psm buy 1000 --from 4 "${NET[@]}"
expect_ok "keel borrow borrows kUSD against WETH (minted into the hub)" "borrowed 2,000 kUSD" npx hardhat keel borrow kUSD 2000 --from 4 "${NET[@]}"
expect_ok "keel synth status shows the account's kUSD debt" "owes 2,000 kUSD" npx hardhat keel synth status --user 4 "${NET[@]}"
expect_ok "keel repay repays kUSD" "repaid 500 kUSD" npx hardhat keel repay kUSD 500 --from 4 "${NET[@]}"
expect_ok "keel psm sell sells kUSD for USDC less the fee" "sold 100 kUSD for 99.9 USDC" npx hardhat keel psm sell 100 --from 4 "${NET[@]}"
expect_fail "keel supply: kUSD cannot be supplied (the core spoke's add cap is the seed)" 'HubAddCapExceeded\(' npx hardhat keel supply kUSD 1 --from 4 "${NET[@]}"
expect_fail "keel faucet refuses kUSD (only facilitators mint it)" "only its facilitators mint it" npx hardhat keel faucet kUSD 1 --to 4 "${NET[@]}"
expect_fail "keel psm sell: more kUSD than held is refused with the figures" "holds .* kUSD, less than 1,000,000 kUSD" npx hardhat keel psm sell 1000000 --from 4 "${NET[@]}"

# The SDK's viem entry, built, over viem's HTTP transport to this node (packages/sdk/test/viem-node.mjs).
expect_ok "sdk/viem over HTTP: a viem account supplies, reads as ethers does, and a refused borrow is decoded" 'viem: a borrow beyond the collateral is refused, nothing sent: PoolInsufficientCollateral\(' bash -c "npm run --silent build -w @keel/sdk && node packages/sdk/test/viem-node.mjs"

# The SDK's simulation on this node: 40 fixed-seed random actions, each equal to the wei to what the node then does.
expect_ok "sdk simulate on the node: 40 random actions equal the chain to the wei, refusals with the same error" 'sdk fuzz on a node: 40 steps equal' npx hardhat run scripts/sdk-fuzz-node.ts "${NET[@]}"
expect_ok "keel keeper --dry-run reports without liquidating" "keeper: .*liquidation\(s\)" npx hardhat keel keeper --dry-run "${NET[@]}"
expect_fail "keel keeper: a slippage above 100% is refused" "Invalid --slippage-bps 20000: from 0 to 10000" npx hardhat keel keeper --flash --slippage-bps 20000 "${NET[@]}"
expect_ok "demo: the whole story runs on the node" "Demo complete" npx hardhat run scripts/demo.ts "${NET[@]}"
if grep -q "the SDK's prediction equals the chain's LiquidationCall to the wei" "$OUT" && ! grep -q "MISMATCH" "$OUT"; then
  ok "demo: the keeper's liquidation equals the SDK's simulateLiquidation to the wei on this node"; else ko "demo: the keeper's liquidation equals the SDK's simulateLiquidation to the wei on this node"; fi
expect_ok "keel status after the demo shows the pool at V2" "Pool .*2\.0\.0" npx hardhat keel status "${NET[@]}"

# Governance upgrade of another module with the CLI tasks: rehearse, propose, vote, queue, execute (dev clock travel).
expect_ok "keel upgrade rehearse passes for the rate model V2 (and reverts the chain)" "rehearsal passed" npx hardhat keel upgrade rehearse RateModel KinkedRateModelV2 "${NET[@]}"
expect_ok "keel upgrade rehearse passes for one spoke on its own (the NFT spoke to its V2)" "rehearsal passed" npx hardhat keel upgrade rehearse NftSpoke NftSpokeV2 "${NET[@]}"
expect_fail "keel upgrade rehearse refuses a storage-incompatible V2" "incompatible|Inserted|Deleted|Layout|layout" npx hardhat keel upgrade rehearse RateModel KinkedRateModelV2BrokenMock "${NET[@]}"
expect_ok "keel upgrade propose opens the proposal" "Next: npx hardhat keel gov vote [0-9]+" npx hardhat keel upgrade propose RateModel KinkedRateModelV2 "${NET[@]}"
PID_=$(grep -Eo 'keel gov vote [0-9]+' "$OUT" | head -1 | awk '{print $4}')
expect_ok "keel gov status shows the pending proposal and its decoded action" "upgradeAndVerify" npx hardhat keel gov status "$PID_" "${NET[@]}"
expect_fail "keel gov execute before the vote is refused with the proposal state" "is Pending: only a Queued proposal can be executed" npx hardhat keel gov execute "$PID_" "${NET[@]}"
expect_ok "keel gov vote" "voted for" npx hardhat keel gov vote "$PID_" --support for --from 0 --travel "${NET[@]}"
expect_ok "keel gov queue (critical tier)" "queued" npx hardhat keel gov queue "$PID_" --travel "${NET[@]}"
expect_ok "keel gov execute upgrades through KeelUpgrader" "ModuleUpgraded" npx hardhat keel gov execute "$PID_" --travel "${NET[@]}"
expect_ok "keel status shows the rate model at V2" "RateModel .*2\.0\.0" npx hardhat keel status "${NET[@]}"

# A hostile guardian cannot block its own removal (governance review, finding 1): it pauses the pool, the DAO proposes
# its removal, its cancel is refused (the operation is cancel-protected), the removal executes, its powers are gone.
GUARDIAN_ADDR=0x70997970C51812dc3A010C7d01b50e0d17dc79C8 # signer #1, the guardian on dev networks
expect_ok "keel pause: the guardian pauses the pool" "paused the pool" npx hardhat keel pause pool --from 1 "${NET[@]}"
expect_ok "keel gov propose: the DAO proposes the guardian's removal" "proposal [0-9]+ opened" npx hardhat keel gov propose --action "remove-guardian:$GUARDIAN_ADDR" "${NET[@]}"
GID=$(grep -Eo 'proposal [0-9]+ opened' "$OUT" | head -1 | awk '{print $2}')
expect_ok "keel gov vote on the removal" "voted for" npx hardhat keel gov vote "$GID" --support for --from 0 --travel "${NET[@]}"
expect_ok "keel gov status shows the removal as critical and cancel-protected" "tier critical .*cancel-protected" npx hardhat keel gov status "$GID" "${NET[@]}"
expect_ok "keel gov queue the removal (critical tier)" "queued" npx hardhat keel gov queue "$GID" --travel "${NET[@]}"
# (the decoded error names the 32-byte operation id, so expect_fail's "no raw hex" rule does not apply here)
if ! npx hardhat keel gov cancel "$GID" --from 1 "${NET[@]}" >"$OUT" 2>&1 && grep -Eiq "TimelockCancelProtected\(id=0x[0-9a-f]{64}, caller=$GUARDIAN_ADDR\)" "$OUT"; then
  ok "keel gov cancel: the guardian cannot cancel its own removal"; else ko "keel gov cancel: the guardian cannot cancel its own removal"; fi
expect_ok "keel gov execute removes the guardian" "executed" npx hardhat keel gov execute "$GID" --travel "${NET[@]}"
expect_fail "keel pause: the removed guardian is refused" "AccessManagedUnauthorized\\(" npx hardhat keel pause pool --from 1 "${NET[@]}"

# The console in Debian's Chromium against this node (the demo and the governance checks above have run on it); once
# per suite: the second e2e run, on anvil (KEEL_NODE=anvil), checks the node, not the page again.
if [ "${KEEL_NODE:-hardhat}" != "anvil" ]; then source scripts/e2e-console.sh; fi

rm -f "$OUT" "$OUT.first"
echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
