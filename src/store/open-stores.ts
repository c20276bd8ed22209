import { type BaseLogger } from "pino";

import { type Clock } from "../qrcode/clock";
import { type PollLimiter } from "../qrcode/ports/poll-limiter.port";
import { type RateLimiter } from "../qrcode/ports/rate-limiter.port";
import { type SessionStore } from "../qrcode/ports/session-store.port";
import { FlexibleRateLimiter } from "./flexible-rate-limiter";
import { MemoryPollLimiter } from "./memory-poll-limiter";
import { MemorySessionStore, type MemorySessionStoreOptions } from "./memory-session-store";
import { RedisSessionStore } from "./redis-session-store";

export interface RedisConfig {
  readonly url: string;
  readonly keyPrefix: string;
}

export interface Stores {
  readonly store: SessionStore;
  readonly pollLimiter: PollLimiter;
  readonly rateLimiter: RateLimiter;
}

/** Redis when configured (every replica shares all state), else this process's memory. */
export async function openStores(
  redis: RedisConfig | undefined,
  clock: Clock,
  logger: Pick<BaseLogger, "warn" | "info">,
  memoryBounds: MemorySessionStoreOptions = {},
): Promise<Stores> {
  if (!redis) {
    return memoryStores(new MemorySessionStore(clock, memoryBounds), clock);
  }
  const store = await RedisSessionStore.connect({ ...redis, clock, logger });
  return {
    store,
    pollLimiter: store.pollLimiter,
    rateLimiter: new FlexibleRateLimiter(store.rateLimitConnection()),
  };
}

/** The limiters of one process, around a given store (tests pass their own). */
export function memoryStores(store: SessionStore, clock?: Clock): Stores {
  return {
    store,
    pollLimiter: new MemoryPollLimiter(clock),
    rateLimiter: new FlexibleRateLimiter(),
  };
}
