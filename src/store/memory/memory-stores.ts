import { type Clock, systemClock } from "../../qrcode/clock";
import { type Stores } from "../../qrcode/ports/stores.port";
import { FlexibleRateLimiter } from "../flexible-rate-limiter";
import { type StoreMetrics } from "../store-metrics";
import { MemoryBlobStore } from "./memory-blob-store";
import { MemoryBudget } from "./memory-budget";
import { MemoryOnceStore } from "./memory-once-store";
import { MemoryPollLimiter } from "./memory-poll-limiter";
import { MemorySessionStore } from "./memory-session-store";
import { MemorySharedCache } from "./memory-shared-cache";
import { MemoryUserStore } from "./memory-user-store";

export interface MemoryBounds {
  /** Codes held at once, live or kept after expiry; past it new codes get STORE_FULL. */
  readonly maxCodes?: number;
  /** Estimated heap of everything held (memory-footprint.ts); past it, STORE_FULL too. */
  readonly maxBytes?: number;
  /** A budget shared with what else the process holds for clients (its waiting pages'
   * sockets), made by the caller; `maxBytes` is then the budget's own. */
  readonly budget?: MemoryBudget;
  readonly metrics?: StoreMetrics;
}

export interface MemoryStores extends Stores {
  readonly budget: MemoryBudget;
}

/** The embedded backend of a single process: every port in this process's memory, under one
 * byte budget, with expiry judged by the injected clock on every read. */
export function memoryStores(clock: Clock = systemClock, bounds: MemoryBounds = {}): MemoryStores {
  const budget = bounds.budget ?? new MemoryBudget(clock, bounds.maxBytes);
  const sessions = new MemorySessionStore(clock, budget, bounds.maxCodes, bounds.metrics);
  return {
    budget,
    sessions,
    statusEvents: sessions,
    onceValues: new MemoryOnceStore(clock, budget),
    users: new MemoryUserStore(clock, budget),
    blobs: new MemoryBlobStore(clock, budget),
    pollLimiter: new MemoryPollLimiter(clock),
    rateLimiter: new FlexibleRateLimiter(),
    sharedCache: new MemorySharedCache(clock, budget),
    ping: async () => true,
    close: async () => {
      sessions.close();
      budget.close();
    },
  };
}
