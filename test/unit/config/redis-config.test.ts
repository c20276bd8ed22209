import { ConfigError, loadConfig } from "../../../src/config/load-config";

function configErrorOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.message;
    }
    throw error;
  }
  throw new Error("no ConfigError");
}

describe("REDIS_URL or REDIS_CLUSTER_NODES", () => {
  it("reads a cluster's seed nodes, with the password and TLS of a URL seed applied to every node", () => {
    const { redis } = loadConfig({
      REDIS_CLUSTER_NODES: "rediss://:s3cret@redis-0.test:6380, redis-1.test:6381,10.0.0.7",
    });

    expect(redis).toEqual({
      keyPrefix: "qr:",
      cluster: {
        nodes: [
          { host: "redis-0.test", port: 6380 },
          { host: "redis-1.test", port: 6381 },
          { host: "10.0.0.7", port: 6379 },
        ],
        username: undefined,
        password: "s3cret",
        tls: true,
      },
    });
  });

  it.each([
    [
      { REDIS_URL: "redis://r:6379", REDIS_CLUSTER_NODES: "r:7000" },
      "REDIS_URL and REDIS_CLUSTER_NODES are both set",
    ],
    [{ REDIS_CLUSTER_NODES: " , " }, "REDIS_CLUSTER_NODES: must list at least one host:port"],
    [{ REDIS_CLUSTER_NODES: "r:7000,r:99999" }, "REDIS_CLUSTER_NODES: entry 2 must be host:port"],
    [{ REDIS_CLUSTER_NODES: "r:7000", REDIS_KEY_PREFIX: "{qr}:" }, "REDIS_KEY_PREFIX: must be"],
  ])("refuses %p, naming the variable", (env, message) => {
    expect(configErrorOf(env)).toContain(message);
  });

  it("never echoes a cluster seed, which may carry a password", () => {
    expect(configErrorOf({ REDIS_CLUSTER_NODES: "rediss://:hunter2@r:0" })).not.toContain(
      "hunter2",
    );
  });
});
