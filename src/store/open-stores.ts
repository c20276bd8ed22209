import { type FastifyBaseLogger } from "fastify";

import { type Clock } from "../qrcode/clock";
import { type PollLimiter } from "../qrcode/poll-limiter.port";
import { MemoryPollLimiter } from "./memory-poll-limiter";
import { MemorySessionStore } from "./memory-session-store";
import { RedisSessionStore } from "./redis-session-store";
import { type SessionStore } from "./session-store.port";

export interface RedisConfig {
  readonly url: string;
  readonly keyPrefix: string;
}

export interface Stores {
  readonly store: SessionStore;
  readonly pollLimiter: PollLimiter;
}

/** Redis when configured (every replica shares all state), else this process's memory. */
export async function openStores(
  redis: RedisConfig | undefined,
  clock: Clock,
  logger: FastifyBaseLogger,
): Promise<Stores> {
  if (!redis) {
    return { store: new MemorySessionStore(clock), pollLimiter: new MemoryPollLimiter() };
  }
  const store = await RedisSessionStore.connect({ ...redis, clock, logger });
  return { store, pollLimiter: store.pollLimiter };
}
