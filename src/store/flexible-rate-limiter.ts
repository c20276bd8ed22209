import { type Cluster, type Redis } from "ioredis";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible";

import { AppError } from "../errors/app-error";
import { type RateLimiter } from "../qrcode/ports/rate-limiter.port";
import { type StoreMetrics } from "./store-metrics";

/**
 * Rate limits through rate-limiter-flexible: on Redis when replicas share one (the
 * counters must be shared too), else in memory. One limiter per distinct limit in use.
 */
export class FlexibleRateLimiter implements RateLimiter {
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  constructor(
    private readonly redis?: { client: Redis | Cluster; keyPrefix: string; metrics?: StoreMetrics },
  ) {}

  async consume(key: string, points: number, windowSeconds: number): Promise<number> {
    try {
      await this.limiterFor(points, windowSeconds).consume(key);
      return 0;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        return Math.max(1, rejection.msBeforeNext);
      }
      this.failed();
      throw new AppError("STORE_UNAVAILABLE", "the rate-limit store is unavailable; retry shortly");
    }
  }

  async blockedFor(key: string, points: number, windowSeconds: number): Promise<number> {
    try {
      const counted = await this.limiterFor(points, windowSeconds).get(key);
      return counted && counted.consumedPoints >= points ? Math.max(1, counted.msBeforeNext) : 0;
    } catch {
      this.failed();
      throw new AppError("STORE_UNAVAILABLE", "the rate-limit store is unavailable; retry shortly");
    }
  }

  private failed(): void {
    this.redis?.metrics?.storeError(this.redis.client.isCluster ? "redis-cluster" : "redis");
  }

  private limiterFor(points: number, duration: number): RateLimiterAbstract {
    const id = `${points}/${duration}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = this.redis
        ? new RateLimiterRedis({
            storeClient: this.redis.client,
            keyPrefix: `${this.redis.keyPrefix}rl:${id}`,
            points,
            duration,
            rejectIfRedisNotReady: true,
          })
        : new RateLimiterMemory({ keyPrefix: `rl:${id}`, points, duration });
      this.limiters.set(id, limiter);
    }
    return limiter;
  }
}
