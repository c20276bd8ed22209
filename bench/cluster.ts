import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";

import { Cluster } from "ioredis";

import { mintAppToken } from "../src/auth/mint-app-token";
import { DEMO_APP_TOKENS } from "../src/config/demo-application";
import { BenchGraphQLClient } from "./graphql-client";
import { type LoginRate, percentile } from "./logins";
import { LOAD_CORE, runNodeAsync, startNode, waitUntilUp } from "./processes";
import { deleteKeys } from "./replicas";
import { type Row } from "./report";
import { openPage } from "./ws-page";

const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/0";
const CLUSTER_NODES = "127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002";
const GENERATE = `mutation { generateQRCode(input: { type: MOBILE_APP }) { qrcodeId url } }`;
const SCAN = `mutation ($t: String!) { scanQRCode(input: { scanToken: $t }) { status } }`;

/**
 * Three replicas on the local Redis Cluster against the same three on one Redis: whole logins
 * with each request on the next replica, and how long a status change takes to reach a page
 * that waits on another replica than the one that made it.
 */
export async function benchCluster(rows: Row[], seconds: number): Promise<void> {
  execFileSync(join(__dirname, "../../scripts/redis-cluster.sh"), [], { stdio: "ignore" });
  const keyPrefix = `qr-bench:${randomBytes(4).toString("hex")}:`;
  const start = (port: number, store: Record<string, string>) =>
    startNode("src/main.js", {
      PORT: String(port),
      LOG_LEVEL: "warn",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      REDIS_KEY_PREFIX: keyPrefix,
      ...store,
    });
  // Each cluster replica's metrics on port + 100: the events it received are read there.
  const onCluster = [4250, 4251, 4252].map((port) =>
    start(port, {
      REDIS_CLUSTER_NODES: CLUSTER_NODES,
      METRICS_PORT: String(port + 100),
      METRICS_HOST: "127.0.0.1",
    }),
  );
  const metricsUrls = [4350, 4351, 4352].map((port) => `http://127.0.0.1:${port}/metrics`);
  const onRedis = [4253, 4254, 4255].map((port) => start(port, { REDIS_URL }));
  const clusterUrls = ["4250", "4251", "4252"].map((port) => `http://127.0.0.1:${port}`);
  const redisUrls = ["4253", "4254", "4255"].map((port) => `http://127.0.0.1:${port}`);
  try {
    await Promise.all([...clusterUrls, ...redisUrls].map((url) => waitUntilUp(`${url}/readyz`)));
    const logins = (urls: string[]) =>
      runNodeAsync(
        "bench/login-load.js",
        [String(seconds), "50", ...urls.map((url) => `${url}/graphql`)],
        LOAD_CORE,
      ).then((output) => JSON.parse(output) as LoginRate);
    await logins(clusterUrls);
    await logins(redisUrls);
    const clusterRuns: LoginRate[] = [];
    const redisRuns: LoginRate[] = [];
    for (let round = 0; round < 2; round++) {
      clusterRuns.push(await logins(clusterUrls));
      redisRuns.push(await logins(redisUrls));
    }
    const best = (runs: LoginRate[]) => Math.max(...runs.map((run) => run.loginsPerSecond));
    const failures = [...clusterRuns, ...redisRuns].reduce((sum, run) => sum + run.failures, 0);
    const ratio = best(clusterRuns) / best(redisRuns);
    rows.push({
      figure: "whole logins, 3 replicas on the local cluster, each request on the next",
      value: `${Math.round(best(clusterRuns))} logins/s`,
      baseline: `same 3 on one Redis: ${Math.round(best(redisRuns))}/s`,
      ratio: `${ratio.toFixed(2)}×`,
      target: "≥ 0.8×",
      ok: ratio >= 0.8 && failures === 0,
    });
    const eventsBefore = await Promise.all(metricsUrls.map(eventsReceived));
    const changes = 200;
    const p99 = await statusChangeAcrossReplicas(clusterUrls, changes);
    const eventsAfter = await Promise.all(metricsUrls.map(eventsReceived));
    const perChange = eventsAfter.map((after, i) => (after - (eventsBefore[i] ?? 0)) / changes);
    rows.push({
      figure:
        "status events each replica received per change (made on the 1st, watched on the 2nd, scanned on the 3rd)",
      value: perChange.map((events) => events.toFixed(2)).join(" / "),
      target: "0 / 1 / 0: only the watching replica",
      ok: perChange[0] === 0 && perChange[1] === 1 && perChange[2] === 0,
    });
    rows.push({
      figure: "a status change reaching a page on another replica (cluster)",
      value: `p99 ${p99.toFixed(1)} ms (200 changes)`,
      target: "< 20 ms p99",
      ok: p99 < 20,
    });
    const wait = await waitCost(keyPrefix, 500);
    rows.push({
      figure: "what WAIT 1 (a write held until a replica has it) would add to a confirm's write",
      value: `p50 +${wait.p50.toFixed(2)} ms, p99 +${wait.p99.toFixed(2)} ms`,
      target: "(information: not used, docs/operations.md)",
      ok: true,
    });
  } finally {
    [...onCluster, ...onRedis].forEach((replica) => replica.kill("SIGTERM"));
    await deleteKeys(keyPrefix);
    await deleteClusterKeys(keyPrefix);
  }
}

/** Generate on the first replica, watch on the second, scan on the third; p99 of scan → event. */
async function statusChangeAcrossReplicas(urls: string[], samples: number): Promise<number> {
  const [generateOn, watchOn, scanOn] = urls.map(
    (url) => new BenchGraphQLClient(`${url}/graphql`, 4),
  ) as [BenchGraphQLClient, BenchGraphQLClient, BenchGraphQLClient];
  const token = await mintAppToken(DEMO_APP_TOKENS, { sub: "across", name: "Across" });
  const latencies: number[] = [];
  for (let sample = 0; sample < samples; sample += 1) {
    const made = await generateOn.post<{ generateQRCode: { qrcodeId: string; url: string } }>(
      GENERATE,
      {},
      { "x-app-id": "demo" },
    );
    const code = made.data?.generateQRCode;
    const scanToken = code && /\/qrcode\/([^.]+)\.png$/.exec(code.url)?.[1];
    if (!code || !scanToken) {
      throw new Error(`generateQRCode failed: ${JSON.stringify(made.errors)}`);
    }
    const statuses: ((status: string) => void)[] = [];
    const next = () => new Promise<string>((resolve) => statuses.push(resolve));
    const page = openPage(urls[1] ?? "", code.qrcodeId, (status) => statuses.shift()?.(status));
    const socket = page.socket;
    await page.subscribed;
    const scanned = next();
    const started = performance.now();
    await scanOn.post(SCAN, { t: scanToken }, { authorization: `Bearer ${token}` });
    await scanned;
    latencies.push(performance.now() - started);
    socket.terminate();
  }
  [generateOn, watchOn, scanOn].forEach((client) => client.close());
  return percentile(latencies, 0.99);
}

/**
 * One write to a code's slot, alone and then followed by `WAIT 1 1000` on the same master, as a
 * confirm would if it waited for a replica; the difference of the percentiles.
 */
async function waitCost(keyPrefix: string, samples: number): Promise<{ p50: number; p99: number }> {
  const cluster = new Cluster(CLUSTER_NODES.split(",").map((node) => node));
  try {
    const key = `${keyPrefix}{waitcost}:session`;
    await cluster.hset(key, "status", "PENDING");
    // WAIT counts the replicas of the connection's own master: ask the master of the key's slot.
    const owner = cluster.slots[Number(await cluster.cluster("KEYSLOT", key))]?.[0];
    const master = cluster
      .nodes("master")
      .find((node) => `${node.options.host}:${node.options.port}` === owner);
    if (!master) {
      throw new Error(`no master serves ${key}`);
    }
    const alone: number[] = [];
    const waited: number[] = [];
    for (let i = 0; i < samples; i++) {
      let started = performance.now();
      await master.hset(key, "status", "SCANNED");
      alone.push(performance.now() - started);
      started = performance.now();
      await master.hset(key, "status", "AUTHORIZED");
      await master.call("WAIT", "1", "1000");
      waited.push(performance.now() - started);
    }
    await master.del(key);
    return {
      p50: percentile(waited, 0.5) - percentile(alone, 0.5),
      p99: percentile(waited, 0.99) - percentile(alone, 0.99),
    };
  } finally {
    await cluster.quit();
  }
}

/** `qrlogin_status_events_received_total` of one replica. */
async function eventsReceived(metricsUrl: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  return Number(/^qrlogin_status_events_received_total (\S+)$/m.exec(text)?.[1] ?? 0);
}

async function deleteClusterKeys(keyPrefix: string): Promise<void> {
  const cluster = new Cluster(CLUSTER_NODES.split(",").map((node) => node));
  try {
    for (const node of cluster.nodes("master")) {
      const keys = await node.keys(`${keyPrefix}*`);
      await Promise.all(keys.map((key) => node.del(key)));
    }
  } finally {
    await cluster.quit();
  }
}
