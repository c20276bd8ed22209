import { randomBytes } from "node:crypto";

import { Redis } from "ioredis";

import { load } from "./load";
import { type LoginRate } from "./logins";
import { LOAD_CORE, runNodeAsync, SERVER_CORE, startNode, waitUntilUp } from "./processes";
import { type Row } from "./report";

const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/0";
const GENERATE = JSON.stringify({
  query:
    'mutation { generateQRCode(input: { type: MOBILE_APP, customData: { school: "hust" } }) { qrcodeId url expiresAt } }',
});

/**
 * The Redis store against the memory one (generateQRCode), then whole logins on one Redis
 * replica against two replicas sharing Redis, one per core, requests spread round robin.
 */
export async function benchReplicas(rows: Row[], seconds: number): Promise<void> {
  const keyPrefix = `qr-bench:${randomBytes(4).toString("hex")}:`;
  const replicaEnv = (port: number) => ({
    PORT: String(port),
    LOG_LEVEL: "warn",
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    REDIS_URL,
    REDIS_KEY_PREFIX: keyPrefix,
  });
  // A fresh memory-store process for the baseline, like the Redis one it is compared with.
  const memoryService = "http://127.0.0.1:4212";
  const memory = startNode("src/main.js", {
    PORT: "4212",
    LOG_LEVEL: "warn",
    PUBLIC_URL: memoryService,
  });
  const first = startNode("src/main.js", replicaEnv(4210), SERVER_CORE);
  const second = startNode("src/main.js", replicaEnv(4211), LOAD_CORE);
  const [a, b] = ["http://127.0.0.1:4210", "http://127.0.0.1:4211"];
  try {
    await Promise.all([a, b, memoryService].map((url) => waitUntilUp(`${url}/healthz`)));
    const generate = (url: string) =>
      load({
        url: `${url}/graphql`,
        method: "POST",
        headers: { "content-type": "application/json", "x-app-id": "demo" },
        body: GENERATE,
        duration: seconds,
      });
    await generate(a);
    await generate(memoryService);
    const memoryRuns = [];
    const redisRuns = [];
    for (let round = 0; round < 2; round++) {
      memoryRuns.push(await generate(memoryService));
      redisRuns.push(await generate(a));
    }
    const memoryRate = Math.max(...memoryRuns.map((run) => run.rps));
    const redis = redisRuns.reduce((x, y) => (y.rps > x.rps ? y : x));
    rows.push({
      figure: "generateQRCode on the Redis store",
      value: `${Math.round(redis.rps)} req/s (p99 ${redis.p99} ms)`,
      baseline: `memory store: ${Math.round(memoryRate)}/s`,
      ratio: `${(redis.rps / memoryRate).toFixed(2)}×`,
      target: "≥ 0.6×",
      ok: redis.rps / memoryRate >= 0.6 && redis.non2xx === 0,
    });

    // Each replica gets one core and carries the load generator that feeds it, so one replica
    // and two are measured alike; a load generator on a core of its own would hand the lone
    // replica half a core that two replicas cannot have.
    const logins = (core: string, ...endpoints: string[]) =>
      runNodeAsync(
        "bench/login-load.js",
        [String(seconds), "50", ...endpoints.map((url) => `${url}/graphql`)],
        core,
      ).then((output) => JSON.parse(output) as LoginRate);
    const singleRuns: LoginRate[] = [];
    const doubleRuns: LoginRate[][] = [];
    for (let round = 0; round < 2; round++) {
      singleRuns.push(await logins(SERVER_CORE, a));
      doubleRuns.push(await Promise.all([logins(SERVER_CORE, a), logins(LOAD_CORE, b)]));
    }
    const hopping = await Promise.all([logins(SERVER_CORE, a, b), logins(LOAD_CORE, b, a)]);
    const single = Math.max(...singleRuns.map((run) => run.loginsPerSecond));
    const total = (runs: LoginRate[]) => runs.reduce((sum, run) => sum + run.loginsPerSecond, 0);
    const double = Math.max(...doubleRuns.map(total));
    const failures = [...singleRuns, ...doubleRuns.flat(), ...hopping].reduce(
      (sum, run) => sum + run.failures,
      0,
    );
    rows.push({
      figure: "whole logins, two replicas sharing Redis",
      value: `${Math.round(double)} logins/s`,
      baseline: `one Redis replica: ${Math.round(single)}/s`,
      ratio: `${(double / single).toFixed(2)}×`,
      target: "≥ 1.5×",
      ok: double / single >= 1.5 && failures === 0,
    });
    rows.push({
      figure: "  same, every request to the other replica",
      value: `${Math.round(total(hopping))} logins/s`,
      baseline: `one Redis replica: ${Math.round(single)}/s`,
      ratio: `${(total(hopping) / single).toFixed(2)}×`,
      target: "(information)",
      ok: failures === 0,
    });
  } finally {
    memory.kill("SIGTERM");
    first.kill("SIGTERM");
    second.kill("SIGTERM");
    await deleteKeys(keyPrefix);
  }
}

/** The bench's users have no TTL (a user store keeps them); leave the shared Redis as found. */
export async function deleteKeys(keyPrefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${keyPrefix}*`, "COUNT", 1000);
      cursor = next;
      if (keys.length > 0) {
        await redis.del(...keys);
      }
    } while (cursor !== "0");
  } finally {
    await redis.quit();
  }
}
