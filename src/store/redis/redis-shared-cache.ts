import { randomUUID } from "node:crypto";

import { type SharedCache } from "../../qrcode/ports/shared-cache.port";
import { type RedisConnection } from "./redis-connection";

/**
 * Values and locks every replica shares. The lock is `SET NX PX` with a random token, released
 * only by its holder (a compare-and-delete), so a holder that outlived its lock cannot release
 * the next holder's. Times are Redis's own TTLs: the lock must expire even if every replica's
 * clock is off.
 */
export class RedisSharedCache implements SharedCache {
  constructor(private readonly connection: RedisConnection) {}

  async get(key: string): Promise<string | null> {
    const { redis } = this.connection;
    return this.connection.guard(() => redis.get(this.cacheKey(key)));
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    const { redis } = this.connection;
    await this.connection.guard(() => redis.set(this.cacheKey(key), value, "PX", ttlMs));
  }

  /** `SET NX GET` (Redis 7): one command stores the value or answers the one kept. */
  async putIfAbsent(key: string, value: string, ttlMs: number): Promise<string | null> {
    const { redis } = this.connection;
    return this.connection.guard(() =>
      redis.set(this.cacheKey(key), value, "PX", ttlMs, "NX", "GET"),
    );
  }

  async deleteIf(key: string, expected: string): Promise<boolean> {
    const { redis } = this.connection;
    const deleted = await this.connection.guard(() =>
      redis.deleteIfEqual(this.cacheKey(key), expected),
    );
    return deleted === 1;
  }

  async tryLock(key: string, ttlMs: number): Promise<string | null> {
    const { redis } = this.connection;
    const token = randomUUID();
    const taken = await this.connection.guard(() =>
      redis.set(this.lockKey(key), token, "PX", ttlMs, "NX"),
    );
    return taken === "OK" ? token : null;
  }

  async unlock(key: string, token: string): Promise<void> {
    const { redis } = this.connection;
    await this.connection.guard(() => redis.deleteIfEqual(this.lockKey(key), token));
  }

  private cacheKey(key: string): string {
    return this.connection.key(`c:${key}`);
  }

  private lockKey(key: string): string {
    return this.connection.key(`l:${key}`);
  }
}
