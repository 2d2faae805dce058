// Keel's console: a read-only web page over @keel/sdk. One process: JSON under /api/<view>, read from the chain at
// request time, and the static page that renders it. `--dev-signer` adds, on a development node with unlocked
// accounts, POST /api/dev/simulate and /api/dev/send (src/server/dev.ts) and the Accounts view's form for them.
//   npm run console -- [--rpc <url>] [--deployment <path>] [--port <n>] [--dev-signer]
import { type IncomingMessage, createServer, type ServerResponse } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { JsonRpcProvider, getAddress } from "ethers";
import { readDeployment } from "@keel/sdk";
import { type Chain, readAccounts, readGovernance, readMarkets, readMeta, readModules } from "./read.js";
import { DevRequestError, parseDevRequest, sendDev, simulateDev } from "./dev.js";

/** Defaults of the command's options. */
const DEFAULT_RPC = "http://127.0.0.1:8545";
const DEFAULT_DEPLOYMENT = "deployments/localhost.json";
const DEFAULT_PORT = 8080;

const { values: args } = parseArgs({
  options: {
    rpc: { type: "string", default: DEFAULT_RPC },
    deployment: { type: "string", default: DEFAULT_DEPLOYMENT },
    port: { type: "string", default: String(DEFAULT_PORT) },
    host: { type: "string", default: "127.0.0.1" },
    "dev-signer": { type: "boolean", default: false },
  },
});
/** A start-up problem (bad option, no record, no node, wrong chain): one line, no stack trace. */
function fail(message: string): never {
  console.error(`✘ console: ${message}`);
  process.exit(1);
}

const port = Number(args.port);
if (!Number.isInteger(port) || port <= 0 || port > 65_535) fail(`--port: not a port number: ${args.port}`);

const deployment = resolve(args.deployment);
const record = await readDeployment(deployment).catch((e: unknown) =>
  fail(
    `${(e as Error).message} (--deployment; deploy first: npm run demo, or npx hardhat run deploy/deploy.ts --network localhost)`,
  ),
);
// staticNetwork: the chain id is checked once, below, instead of on every request.
const provider = new JsonRpcProvider(args.rpc, undefined, { staticNetwork: true });
const chainId = await provider.send("eth_chainId", []).then(
  (id: string) => BigInt(id).toString(),
  (e: unknown) => fail(`cannot reach ${args.rpc} (--rpc): ${(e as Error).message}`),
);
if (chainId !== record.chainId)
  fail(`${deployment} is for chain ${record.chainId}, but ${args.rpc} is chain ${chainId}`);
// The dev signer sends from the node's own unlocked accounts: a development node only (hardhat node, anvil).
let devAccounts: string[] = [];
if (args["dev-signer"]) {
  devAccounts = await provider.send("eth_accounts", []).then(
    (a: string[]) => a.map((x) => getAddress(x)),
    () => [],
  );
  if (devAccounts.length === 0)
    fail(`--dev-signer: ${args.rpc} has no unlocked accounts (eth_accounts is empty): a development node only`);
}
const chain: Chain = { provider, record, rpc: args.rpc, deployment, devAccounts };

const DEV_ACTIONS = { simulate: simulateDev, send: sendDev } as const;
const MAX_BODY = 4096;

/** The request's JSON body (at most MAX_BODY bytes). */
async function jsonBody(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new DevRequestError(`a request body of at most ${String(MAX_BODY)} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
  } catch {
    throw new DevRequestError("the body is not JSON");
  }
}

const readers: Record<string, (c: Chain) => Promise<unknown>> = {
  meta: readMeta,
  markets: readMarkets,
  accounts: readAccounts,
  governance: readGovernance,
  modules: readModules,
};

// Static files: the page (static/) and its compiled modules (dist/page, dist/shared), nothing else.
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const STATIC: Record<string, string> = { "/": "static/index.html", "/console.css": "static/console.css" };
const MODULE_DIRS = ["/js/page/", "/js/shared/"];
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
};

const json = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? x.toString() : x));

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
}

const server = createServer((req, res) => {
  void (async () => {
    const path = new URL(req.url ?? "/", "http://console").pathname;
    const dev = /^\/api\/dev\/(simulate|send)$/.exec(path);
    if (req.method === "POST" && dev !== null && devAccounts.length > 0) {
      // JSON only: another site's page cannot send a JSON POST here without a CORS preflight, which this server
      // never grants, so it cannot make the dev accounts send (a form or a text/plain POST is refused here).
      if (!/^application\/json(;|$)/.test(req.headers["content-type"] ?? "")) {
        send(res, 415, "application/json", json({ error: "content-type: application/json only" }));
        return;
      }
      try {
        const action = parseDevRequest(await jsonBody(req), record, devAccounts);
        send(
          res,
          200,
          "application/json",
          json(await DEV_ACTIONS[dev[1] as "simulate" | "send"](provider, record, action)),
        );
      } catch (e) {
        if (!(e instanceof DevRequestError)) console.error(`console: ${path}:`, e);
        send(res, e instanceof DevRequestError ? 400 : 502, "application/json", json({ error: (e as Error).message }));
      }
      return;
    }
    if (req.method !== "GET") {
      send(
        res,
        405,
        "text/plain",
        devAccounts.length > 0 ? "not found\n" : "read only (start with --dev-signer on a dev node to send)\n",
      );
      return;
    }
    const api = /^\/api\/([a-z]+)$/.exec(path);
    if (api !== null) {
      const reader = readers[api[1] ?? ""];
      if (reader === undefined) {
        send(res, 404, "application/json", json({ error: `no view ${path}` }));
        return;
      }
      try {
        {
          send(res, 200, "application/json", json(await reader(chain)));
          return;
        }
      } catch (e) {
        console.error(`console: ${path}:`, e);
        {
          send(res, 502, "application/json", json({ error: (e as Error).message }));
          return;
        }
      }
    }
    let file = STATIC[path];
    if (
      file === undefined &&
      MODULE_DIRS.some((d) => path.startsWith(d)) &&
      /^[\w/.-]+\.js$/.test(path) &&
      !path.includes("..")
    ) {
      file = "dist/" + path.slice("/js/".length);
    }
    if (file === undefined) {
      send(res, 404, "text/plain", "not found\n");
      return;
    }
    try {
      {
        send(res, 200, TYPES[extname(file)] ?? "application/octet-stream", await readFile(ROOT + file));
        return;
      }
    } catch {
      {
        send(res, 404, "text/plain", "not found\n");
        return;
      }
    }
  })();
});
server.listen(port, args.host, () => {
  console.log(
    `Keel console on http://${args.host}:${port}/  (chain ${record.chainId} at ${args.rpc}, record ${deployment}${devAccounts.length > 0 ? `, dev signer: ${String(devAccounts.length)} accounts` : ", read only"})`,
  );
});
