import { type Redis } from "ioredis";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible";

import { AppError } from "../errors/app-error";
import { type GenerateLimiter } from "../qrcode/generate-limiter.port";

/**
 * Generation limits through rate-limiter-flexible: on Redis when replicas share one (the
 * counters must be shared too), else in memory. One limiter per distinct limit in use.
 */
export class FlexibleGenerateLimiter implements GenerateLimiter {
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  constructor(private readonly redis?: { client: Redis; keyPrefix: string }) {}

  async consume(key: string, points: number, windowSeconds: number): Promise<number> {
    try {
      await this.limiterFor(points, windowSeconds).consume(key);
      return 0;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        return Math.max(1, rejection.msBeforeNext);
      }
      throw new AppError("STORE_UNAVAILABLE", "the rate-limit store is unavailable; retry shortly");
    }
  }

  private limiterFor(points: number, duration: number): RateLimiterAbstract {
    const id = `${points}/${duration}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = this.redis
        ? new RateLimiterRedis({
            storeClient: this.redis.client,
            keyPrefix: `${this.redis.keyPrefix}rl:generate:${id}`,
            points,
            duration,
            rejectIfRedisNotReady: true,
          })
        : new RateLimiterMemory({ keyPrefix: `generate:${id}`, points, duration });
      this.limiters.set(id, limiter);
    }
    return limiter;
  }
}
