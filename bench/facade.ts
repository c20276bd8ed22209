import { randomBytes } from "node:crypto";

import autocannon from "autocannon";

import { load, type LoadResult } from "./load";
import { startNode, waitUntilUp } from "./processes";
import { deleteKeys } from "./replicas";
import { type Row } from "./report";

const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/0";
const GENERATE = JSON.stringify({
  query: "mutation { generateQRCode(input: { type: MOBILE_APP }) { qrcodeId } }",
});
const STATUS =
  "query ($id: String!) { qrCodeStatus(qrcodeId: $id) { status ticket briefUserInfo { displayName photo } } }";
/** Codes per poller: enough that each is polled less often than the demo's 500 ms pace. */
const CODES = { graphql: 12_000, rest: 24_000 };

/**
 * The Authing SDKs' busiest call: `GET /api/v3/get-qrcode-status` on pending codes, against the
 * GraphQL `qrCodeStatus` query on the same service in the same run, on the memory store and on
 * Redis. Each poller cycles through codes of its own, so the application's poll pacing is met
 * (a paced answer would measure the refusal, not the status).
 */
export async function benchFacade(rows: Row[], seconds: number): Promise<void> {
  const keyPrefix = `qr-bench-facade:${randomBytes(4).toString("hex")}:`;
  const stores: { name: string; port: number; env: Record<string, string> }[] = [
    { name: "memory", port: 4230, env: {} },
    { name: "Redis", port: 4231, env: { REDIS_URL, REDIS_KEY_PREFIX: keyPrefix } },
  ];
  const services = stores.map(({ port, env }) =>
    startNode("src/main.js", { PORT: String(port), LOG_LEVEL: "warn", ...env }),
  );
  try {
    for (const { name, port } of stores) {
      const base = `http://127.0.0.1:${port}`;
      await waitUntilUp(`${base}/healthz`);
      await measureStore(rows, name, base, seconds);
    }
  } finally {
    services.forEach((service) => service.kill("SIGTERM"));
    await deleteKeys(keyPrefix);
  }
}

async function measureStore(rows: Row[], store: string, base: string, seconds: number) {
  const graphqlIds = await generateCodes(base, CODES.graphql);
  const restIds = await generateCodes(base, CODES.rest);
  const graphqlRuns: Polls[] = [];
  const restRuns: Polls[] = [];
  for (let round = 0; round < 2; round++) {
    graphqlRuns.push(await pollGraphQL(base, graphqlIds, seconds));
    restRuns.push(await pollRest(base, restIds, seconds));
  }
  const best = (runs: Polls[]) => runs.reduce((x, y) => (y.result.rps > x.result.rps ? y : x));
  const graphql = best(graphqlRuns);
  const rest = best(restRuns);
  const refused = [...graphqlRuns, ...restRuns].reduce((sum, run) => sum + run.refused, 0);
  const ratio = rest.result.rps / graphql.result.rps;
  rows.push({
    figure: `get-qrcode-status (REST facade), ${store} store`,
    value: `${Math.round(rest.result.rps)} req/s (p99 ${rest.result.p99} ms)`,
    baseline: `GraphQL qrCodeStatus: ${Math.round(graphql.result.rps)}/s (p99 ${graphql.result.p99} ms)`,
    ratio: `${ratio.toFixed(2)}×`,
    target: "≥ 1.5×, p99 < 20 ms",
    ok: ratio >= 1.5 && rest.result.p99 < 20 && refused === 0 && rest.result.non2xx === 0,
  });
  if (refused > 0) {
    process.stdout.write(`warning: ${refused} polls were refused (paced or failed) on ${store}\n`);
  }
}

interface Polls {
  readonly result: LoadResult;
  /** Answers that were not a status: paced, or any error. */
  readonly refused: number;
}

/** Runs autocannon over `ids` round robin, building each request with `build`. */
async function pollEach(
  options: autocannon.Options,
  ids: readonly string[],
  build: (id: string) => autocannon.Request,
  isStatus: (body: string) => boolean,
): Promise<Polls> {
  let next = 0;
  let refused = 0;
  const result = await load({
    ...options,
    requests: [
      {
        setupRequest: (request) => ({ ...request, ...build(ids[next++ % ids.length] as string) }),
        onResponse: (_status, body) => {
          if (!isStatus(body)) {
            refused += 1;
          }
        },
      },
    ],
  });
  return { result, refused };
}

function pollGraphQL(base: string, ids: readonly string[], seconds: number): Promise<Polls> {
  return pollEach(
    { url: `${base}/graphql`, duration: seconds },
    ids,
    (id) => ({
      method: "POST",
      headers: { "content-type": "application/json", "x-app-id": "demo" },
      body: JSON.stringify({ query: STATUS, variables: { id } }),
    }),
    (body) => body.includes('"status":"PENDING"'),
  );
}

function pollRest(base: string, ids: readonly string[], seconds: number): Promise<Polls> {
  return pollEach(
    { url: base, duration: seconds },
    ids,
    (id) => ({
      method: "GET",
      path: `/api/v3/get-qrcode-status?qrcodeId=${id}`,
      headers: { "x-authing-app-id": "demo" },
    }),
    (body) => body.includes('"status":"PENDING"'),
  );
}

/** `count` pending codes of the demo application, their ids collected from the answers. */
async function generateCodes(base: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  await autocannon({
    url: `${base}/graphql`,
    connections: 50,
    amount: count,
    method: "POST",
    headers: { "content-type": "application/json", "x-app-id": "demo" },
    body: GENERATE,
    requests: [
      {
        onResponse: (_status, body) => {
          const id = /"qrcodeId":"([^"]+)"/.exec(body)?.[1];
          if (id) {
            ids.push(id);
          }
        },
      },
    ],
  });
  return ids;
}
