/**
 * Fixed-window counters per key, shared by every replica when the store is shared: codes one
 * client address generates, failed ticket exchanges per address and per application.
 */
export interface RateLimiter {
  /** Counts one event; answers 0 when it may go ahead, else ms until the next may. */
  consume(key: string, points: number, windowSeconds: number): Promise<number>;
  /** Counts nothing; answers ms until the next event may go ahead, 0 when one may now. */
  blockedFor(key: string, points: number, windowSeconds: number): Promise<number>;
}
