// postinstall: works around an open bug of @openzeppelin/upgrades-core (OpenZeppelin/openzeppelin-upgrades#1227,
// fix proposed in #1301). To deploy a proxy, `getUnlinkedBytecode` tries every library-linked contract of the
// validation cache on the contract being deployed: it writes that contract's link placeholders into a copy of the
// bytecode and hashes it. When one placeholder straddles the end of the code and the start of the CBOR metadata, the
// metadata trim cuts it in half and the hash throws "Bytecode is not a valid hex string": deploying a contract with
// no libraries at all (VotingRewards) fails because of where another contract's (Pool's, PoolV2's) link references
// happen to fall, which moves with any edit. The patch does what #1301 does: a candidate whose placeholders do not
// hash is not this contract's, so the search goes on to the next. Idempotent; a release that fixed the function (no
// longer has the unguarded line) is left alone. test/upgrades/oz-unlink.ts checks the behaviour.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const MARK = "/* keel: skip candidates that do not hash (openzeppelin-upgrades#1227) */";
const UNGUARDED = "const version = (0, version_1.getVersion)(unlinkedBytecode);";
const GUARDED = `let version; ${MARK} try { version = (0, version_1.getVersion)(unlinkedBytecode); } catch { continue; }`;

function queryFile(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const pkg = require.resolve("@openzeppelin/upgrades-core/package.json");
    const file = join(dirname(pkg), "dist", "validate", "query.js");
    return existsSync(file) ? file : undefined;
  } catch {
    return undefined; // not installed (a workspace-only install): nothing to patch
  }
}

const file = queryFile();
if (file !== undefined) {
  const src = readFileSync(file, "utf8");
  if (src.includes(MARK)) {
    // already patched
  } else if (src.includes(UNGUARDED)) {
    writeFileSync(file, src.replace(UNGUARDED, GUARDED));
    console.log(
      "patch-deps: @openzeppelin/upgrades-core getUnlinkedBytecode skips candidates that do not hash (#1227)",
    );
  } else {
    console.log("patch-deps: @openzeppelin/upgrades-core getUnlinkedBytecode has changed; no patch applied");
  }
}
