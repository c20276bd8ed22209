import { type BlobStore } from "./blob-store.port";
import { type OnceStore } from "./once-store.port";
import { type PollLimiter } from "./poll-limiter.port";
import { type RateLimiter } from "./rate-limiter.port";
import { type SessionStore } from "./session-store.port";
import { type SharedCache } from "./shared-cache.port";
import { type StatusEvents } from "./status-events.port";
import { type UserStore } from "./user-store.port";

/** Every storage port, from one backend (this process's memory, or a Redis every replica shares). */
export interface Stores {
  readonly sessions: SessionStore;
  readonly statusEvents: StatusEvents;
  readonly onceValues: OnceStore;
  readonly users: UserStore;
  readonly blobs: BlobStore;
  readonly pollLimiter: PollLimiter;
  readonly rateLimiter: RateLimiter;
  readonly sharedCache: SharedCache;
  /** Answers whether the backend can serve requests right now (readiness). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
