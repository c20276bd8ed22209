import {
  type ChainableCommander,
  Cluster,
  type ClusterOptions,
  Redis,
  type RedisOptions,
} from "ioredis";
import { type BaseLogger } from "pino";

import { type ClusterSeeds } from "../../config/redis-config";
import { AppError } from "../../errors/app-error";
import { type TakeOnceResult } from "../../qrcode/ports/once-store.port";
import { type StoreMetrics } from "../store-metrics";
import { COMPARE_AND_SET_STATUS, DELETE_IF_EQUAL, SAVE_USER, TAKE_ONCE } from "./redis-scripts";

/** One Redis (`url`), or a Redis Cluster from its seed nodes (`cluster`). */
export interface RedisConnectionOptions {
  readonly url?: string;
  readonly cluster?: ClusterSeeds;
  /** Namespaces every key and the event channel, so services can share a Redis. */
  readonly keyPrefix: string;
  readonly logger?: Pick<BaseLogger, "warn" | "info">;
  readonly metrics?: StoreMetrics;
}

/** One Redis or a cluster: ioredis gives both the same commands. */
export type RedisClient = Redis | Cluster;

/** The command connection, with the Lua scripts of redis-scripts.ts as commands. */
export type ScriptedRedis = RedisClient & ScriptCommands;

interface ScriptCommands {
  compareAndSetStatus(
    session: string,
    channel: string,
    ...args: string[]
  ): Promise<[0 | 1, string[]?]>;
  takeOnce(
    key: string,
    now: string,
    answer: string,
    replayForMs: string,
  ): Promise<[TakeOnceResult["outcome"], string?]>;
  saveUser(userKey: string, ...args: string[]): Promise<string[]>;
  deleteIfEqual(key: string, expected: string): Promise<0 | 1>;
}

/** Fail fast while Redis is away (a clear 503 beats a hung request), and keep reconnecting. */
const CONNECTION_OPTIONS: RedisOptions = {
  lazyConnect: true,
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  commandTimeout: 2000,
  enableAutoPipelining: true,
  connectTimeout: 2000,
  retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
};
const OUTAGE_LOG_INTERVAL_MS = 5000;

/**
 * A cluster client that follows the cluster's slots (MOVED, failovers) and carries the code
 * channels on sharded subscribers, one connection per master (`SSUBSCRIBE` in the code's slot).
 */
function openCluster(seeds: ClusterSeeds): Cluster {
  const { lazyConnect, enableOfflineQueue, enableAutoPipelining, ...perNode } = CONNECTION_OPTIONS;
  const options: ClusterOptions = {
    lazyConnect,
    enableOfflineQueue,
    enableAutoPipelining,
    // A channel command batched with others would take them to the subscriber connection,
    // which refuses them ("Connection in subscriber mode").
    autoPipeliningIgnoredCommands: ["ssubscribe", "sunsubscribe"],
    shardedSubscribers: true,
    slotsRefreshTimeout: 2000,
    clusterRetryStrategy: (attempt) => Math.min(attempt * 100, 1000),
    redisOptions: {
      ...perNode,
      username: seeds.username,
      password: seeds.password,
      tls: seeds.tls ? {} : undefined,
    },
  };
  return new Cluster(
    seeds.nodes.map(({ host, port }) => ({ host, port })),
    options,
  );
}

/**
 * The two connections every Redis adapter shares: one for commands, one in subscriber mode
 * (which can run nothing else). Redis being away is an expected condition: every command goes
 * through `guard`, which turns any failure into STORE_UNAVAILABLE and logs the outage at most
 * every few seconds.
 */
export class RedisConnection {
  private lastOutageLog = 0;

  private constructor(
    readonly redis: ScriptedRedis,
    /** Where the code channels are joined: on one Redis a connection of its own (one in
     * subscriber mode can run nothing else); on a cluster the cluster itself, whose sharded
     * subscribers (one connection per master) carry them. */
    readonly subscriber: RedisClient,
    readonly options: RedisConnectionOptions,
  ) {}

  /** False when Redis did not answer at start; the connections keep trying. */
  connectedAtStart = false;

  static async open(options: RedisConnectionOptions): Promise<RedisConnection> {
    const redis = (
      options.cluster
        ? openCluster(options.cluster)
        : new Redis(options.url ?? "", CONNECTION_OPTIONS)
    ) as ScriptedRedis;
    redis.defineCommand("compareAndSetStatus", { numberOfKeys: 2, lua: COMPARE_AND_SET_STATUS });
    redis.defineCommand("takeOnce", { numberOfKeys: 1, lua: TAKE_ONCE });
    redis.defineCommand("saveUser", { numberOfKeys: 1, lua: SAVE_USER });
    redis.defineCommand("deleteIfEqual", { numberOfKeys: 1, lua: DELETE_IF_EQUAL });
    const subscriber = options.cluster
      ? redis
      : new Redis(options.url ?? "", { ...CONNECTION_OPTIONS, enableOfflineQueue: true });
    const connection = new RedisConnection(redis, subscriber, options);
    const clients = new Set<RedisClient>([redis, subscriber]);
    for (const client of clients) {
      client.on("error", (error: Error) => connection.noteOutage(error));
    }
    connection.connectedAtStart = await Promise.all(
      [...clients].map((client) => client.connect()),
    ).then(
      () => true,
      () => false,
    );
    if (!connection.connectedAtStart) {
      options.logger?.warn(
        { keyPrefix: options.keyPrefix },
        "Redis is not reachable at start; answering 503 until it is",
      );
    }
    return connection;
  }

  /** Whether the store is a Redis Cluster. */
  get clustered(): boolean {
    return this.options.cluster !== undefined;
  }

  key(name: string): string {
    return `${this.options.keyPrefix}${name}`;
  }

  /** Runs one operation; any failure is the store being unavailable, never a crash. */
  async guard<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      this.noteOutage(error as Error);
      this.options.metrics?.storeError(this.clustered ? "redis-cluster" : "redis");
      throw new AppError("STORE_UNAVAILABLE", "the session store is unavailable; retry shortly");
    }
  }

  /** Runs commands in one round trip, failing as a whole if any of them fails. */
  async pipelined(build: (pipeline: ChainableCommander) => ChainableCommander): Promise<unknown[]> {
    const results = await this.guard(async () => {
      const answered = (await build(this.redis.pipeline()).exec()) ?? [];
      const failure = answered.find(([error]) => error)?.[0];
      if (failure) {
        throw failure;
      }
      return answered;
    });
    return results.map(([, value]) => value);
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.redis.ping()) === "PONG";
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    const clients = [...new Set<RedisClient>([this.subscriber, this.redis])];
    await Promise.allSettled(clients.map((client) => client.quit()));
    clients.forEach((client) => client.disconnect());
  }

  private noteOutage(error: Error): void {
    const now = Date.now();
    if (now - this.lastOutageLog >= OUTAGE_LOG_INTERVAL_MS) {
      this.lastOutageLog = now;
      this.options.logger?.warn({ err: error.message }, "Redis store unavailable");
    }
  }
}

/** HGETALL's flat [field, value, ...] array (the form Lua scripts return) as a record. */
export function pairsToRecord(flat: readonly string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let index = 0; index + 1 < flat.length; index += 2) {
    fields[flat[index] as string] = flat[index + 1] as string;
  }
  return fields;
}
