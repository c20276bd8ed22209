import { type BaseLogger } from "pino";

import { type RedisConfig } from "../config/redis-config";
import { type Clock } from "../qrcode/clock";
import { type Stores } from "../qrcode/ports/stores.port";
import { type MemoryBounds, memoryStores } from "./memory/memory-stores";
import { redisStores } from "./redis/redis-stores";
import { type StoreMetrics } from "./store-metrics";

/** Redis or a Redis Cluster when configured (every replica shares all state), else this
 * process's memory. */
export async function openStores(
  redis: RedisConfig | undefined,
  clock: Clock,
  logger: Pick<BaseLogger, "warn" | "info">,
  memoryBounds: MemoryBounds = {},
  metrics?: StoreMetrics,
): Promise<Stores> {
  return redis
    ? redisStores({ ...redis, logger, metrics }, clock)
    : memoryStores(clock, { ...memoryBounds, metrics });
}
