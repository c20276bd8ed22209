import { ConfigError, type Env } from "./config-error";

/** Where the shared store is: one Redis (`url`) or a Redis Cluster (`cluster`). */
export interface RedisConfig {
  readonly url?: string;
  readonly cluster?: ClusterSeeds;
  readonly keyPrefix: string;
}

const REDIS_URL = /^rediss?:\/\/[^\s]+$/;

/**
 * `REDIS_URL` (one Redis) or `REDIS_CLUSTER_NODES` (a cluster's seed nodes), never both; none
 * means this process's memory. A seed is `host:port`, or a URL that carries the password and
 * TLS the way `REDIS_URL` does (`rediss://:password@host:port`), applied to every node.
 */
export function parseRedis(env: Env): RedisConfig | undefined {
  const { REDIS_URL: url, REDIS_CLUSTER_NODES: nodes } = env;
  if (url && nodes) {
    throw new ConfigError(
      "REDIS_URL and REDIS_CLUSTER_NODES are both set: set REDIS_URL for one Redis, or REDIS_CLUSTER_NODES for a cluster",
    );
  }
  if (!url && !nodes) {
    return undefined;
  }
  const keyPrefix = parseKeyPrefix(env.REDIS_KEY_PREFIX);
  if (url) {
    if (!REDIS_URL.test(url)) {
      // Never echo the URL: it may carry the password.
      throw new ConfigError(
        "REDIS_URL: must be a redis:// or rediss:// URL (redis://[user:password@]host:port/db)",
      );
    }
    return { url, keyPrefix };
  }
  return { cluster: parseSeeds(nodes ?? ""), keyPrefix };
}

function parseKeyPrefix(prefix: string | undefined): string {
  const keyPrefix = prefix ?? "qr:";
  // No braces: a key's first {…} is its cluster hash tag, and the code's tag must be it.
  if (!/^[A-Za-z0-9:_.-]{0,64}$/.test(keyPrefix)) {
    throw new ConfigError(
      `REDIS_KEY_PREFIX: must be up to 64 letters, digits, ':', '_', '.' or '-', got "${keyPrefix}"`,
    );
  }
  return keyPrefix;
}

function parseSeeds(raw: string): ClusterSeeds {
  const seeds = raw
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "")
    .map((entry, index) => parseSeed(entry, index));
  if (seeds.length === 0) {
    throw new ConfigError("REDIS_CLUSTER_NODES: must list at least one host:port");
  }
  const [first] = seeds as [ParsedSeed, ...ParsedSeed[]];
  return {
    nodes: seeds.map(({ host, port }) => ({ host, port })),
    username: first.username,
    password: first.password,
    tls: first.tls,
  };
}

interface ParsedSeed {
  readonly host: string;
  readonly port: number;
  readonly username?: string;
  readonly password?: string;
  readonly tls: boolean;
}

function parseSeed(entry: string, index: number): ParsedSeed {
  const url = REDIS_URL.test(entry) ? safeUrl(entry) : safeUrl(`redis://${entry}`);
  const port = Number(url?.port || 6379);
  if (!url || !url.hostname || !Number.isInteger(port) || port < 1 || port > 65535) {
    // Never echo the entry: a URL may carry the password.
    throw new ConfigError(
      `REDIS_CLUSTER_NODES: entry ${index + 1} must be host:port or a redis:// or rediss:// URL`,
    );
  }
  return {
    host: url.hostname.replace(/^\[|\]$/g, ""),
    port,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    tls: url.protocol === "rediss:",
  };
}

function safeUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** A Redis Cluster's seed nodes, and what every node connection needs (password, TLS). */
export interface ClusterSeeds {
  readonly nodes: readonly { readonly host: string; readonly port: number }[];
  readonly username?: string;
  readonly password?: string;
  readonly tls: boolean;
}
