import { type Clock } from "../../qrcode/clock";
import { type Stores } from "../../qrcode/ports/stores.port";
import { FlexibleRateLimiter } from "../flexible-rate-limiter";
import { RedisBlobStore } from "./redis-blob-store";
import { RedisConnection, type RedisConnectionOptions } from "./redis-connection";
import { RedisOnceStore } from "./redis-once-store";
import { RedisPollLimiter } from "./redis-poll-limiter";
import { RedisSessionStore } from "./redis-session-store";
import { RedisSharedCache } from "./redis-shared-cache";
import { RedisUserStore } from "./redis-user-store";

/**
 * Every port on one Redis that all replicas share. When Redis is not reachable yet this
 * resolves anyway and the connections keep trying: the replica starts not ready (503s,
 * /readyz) and serves once Redis answers, as after any outage.
 */
export async function redisStores(options: RedisConnectionOptions, clock: Clock): Promise<Stores> {
  const connection = await RedisConnection.open(options);
  const sessions = await RedisSessionStore.attach(connection, clock);
  return {
    sessions,
    statusEvents: sessions,
    onceValues: new RedisOnceStore(connection, clock),
    users: new RedisUserStore(connection),
    blobs: new RedisBlobStore(connection, clock),
    pollLimiter: new RedisPollLimiter(connection),
    rateLimiter: new FlexibleRateLimiter({
      client: connection.redis,
      keyPrefix: options.keyPrefix,
      metrics: options.metrics,
    }),
    sharedCache: new RedisSharedCache(connection),
    ping: () => connection.ping(),
    close: async () => {
      sessions.close();
      await connection.close();
    },
  };
}
