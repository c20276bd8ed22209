import { type FastifyBaseLogger } from "fastify";

import { type Clock } from "../qrcode/clock";
import { type GenerateLimiter } from "../qrcode/generate-limiter.port";
import { type PollLimiter } from "../qrcode/poll-limiter.port";
import { MemoryPollLimiter } from "./memory-poll-limiter";
import { MemorySessionStore } from "./memory-session-store";
import { FlexibleGenerateLimiter } from "./rate-limited-generation";
import { RedisSessionStore } from "./redis-session-store";
import { type SessionStore } from "./session-store.port";

export interface RedisConfig {
  readonly url: string;
  readonly keyPrefix: string;
}

export interface Stores {
  readonly store: SessionStore;
  readonly pollLimiter: PollLimiter;
  readonly generateLimiter: GenerateLimiter;
}

/** Redis when configured (every replica shares all state), else this process's memory. */
export async function openStores(
  redis: RedisConfig | undefined,
  clock: Clock,
  logger: FastifyBaseLogger,
  memoryMaxCodes?: number,
): Promise<Stores> {
  if (!redis) {
    return memoryStores(new MemorySessionStore(clock, { maxCodes: memoryMaxCodes }));
  }
  const store = await RedisSessionStore.connect({ ...redis, clock, logger });
  return {
    store,
    pollLimiter: store.pollLimiter,
    generateLimiter: new FlexibleGenerateLimiter(store.rateLimitConnection()),
  };
}

/** The limiters of one process, around a given store (tests pass their own). */
export function memoryStores(store: SessionStore): Stores {
  return {
    store,
    pollLimiter: new MemoryPollLimiter(),
    generateLimiter: new FlexibleGenerateLimiter(),
  };
}
