import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";

import { Cluster, Redis } from "ioredis";

/** The Redis every machine here runs (CI starts it when it is not answering). */
export const REDIS_TEST_URL = process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379/0";

/** Where REDIS_TEST_URL points, for a TCP proxy put in front of it. */
export const REDIS_TEST_ADDRESS = (() => {
  const url = new URL(REDIS_TEST_URL);
  return { host: url.hostname, port: Number(url.port || 6379) };
})();

/** A key prefix no other test file or run shares, so files run in parallel and clean up. */
export function uniqueKeyPrefix(label: string): string {
  return `qr-test:${label}:${process.pid}:${randomBytes(4).toString("hex")}:`;
}

/** Removes every key a test file wrote under its prefix. */
export async function deleteKeys(keyPrefix: string): Promise<void> {
  const redis = new Redis(REDIS_TEST_URL);
  try {
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length > 0) {
      await redis.del(...keys);
    }
  } finally {
    await redis.quit();
  }
}

/** The local cluster `npm run redis:cluster` starts (CI starts it too). */
export const REDIS_CLUSTER_TEST_NODES = (
  process.env.REDIS_CLUSTER_TEST_NODES ?? "127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002"
)
  .split(",")
  .map((node) => {
    const [host = "127.0.0.1", port = "7000"] = node.split(":");
    return { host, port: Number(port) };
  });

/**
 * Whether the local cluster is up (synchronously, so a test file can choose `describe` or
 * `describe.skip`); CI requires it (REQUIRE_REDIS_CLUSTER=1) and fails rather than skip.
 */
export function clusterIsUp(): boolean {
  const { host, port } = REDIS_CLUSTER_TEST_NODES[0] ?? { host: "127.0.0.1", port: 7000 };
  const probe = spawnSync("redis-cli", ["-h", host, "-p", String(port), "cluster", "info"], {
    encoding: "utf8",
    timeout: 2000,
  });
  const up = probe.status === 0 && probe.stdout.includes("cluster_state:ok");
  if (!up && process.env.REQUIRE_REDIS_CLUSTER === "1") {
    throw new Error("REQUIRE_REDIS_CLUSTER=1, but no local cluster is up: npm run redis:cluster");
  }
  return up;
}

/** Removes every key under the prefix from every master of the cluster. */
export async function deleteClusterKeys(keyPrefix: string): Promise<void> {
  const cluster = new Cluster(REDIS_CLUSTER_TEST_NODES);
  try {
    await Promise.all(
      cluster.nodes("master").map(async (node) => {
        const keys = await node.keys(`${keyPrefix}*`);
        await Promise.all(keys.map((key) => node.del(key)));
      }),
    );
  } finally {
    await cluster.quit();
  }
}
