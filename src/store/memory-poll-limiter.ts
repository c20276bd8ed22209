import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

import { type PollLimiter } from "../qrcode/poll-limiter.port";

/** One poll per interval per code, through rate-limiter-flexible, in this process's memory. */
export class MemoryPollLimiter implements PollLimiter {
  private readonly limiters = new Map<number, RateLimiterMemory>();

  async tryPoll(qrcodeId: string, intervalMs: number): Promise<number> {
    try {
      await this.limiterFor(intervalMs).consume(qrcodeId);
      return 0;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        return Math.max(1, rejection.msBeforeNext);
      }
      throw rejection;
    }
  }

  /** Applications may pace differently; one limiter per interval in use. */
  private limiterFor(intervalMs: number): RateLimiterMemory {
    let limiter = this.limiters.get(intervalMs);
    if (!limiter) {
      limiter = new RateLimiterMemory({ points: 1, duration: intervalMs / 1000 });
      this.limiters.set(intervalMs, limiter);
    }
    return limiter;
  }
}
