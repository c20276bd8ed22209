import { randomUUID } from "node:crypto";

import { type Clock } from "../../qrcode/clock";
import { type SharedCache } from "../../qrcode/ports/shared-cache.port";
import { ExpiringMap } from "./expiring-map";
import { type MemoryBudget } from "./memory-budget";

/** Values and locks of a single process (where "every replica" is this one). */
export class MemorySharedCache implements SharedCache {
  private readonly values: ExpiringMap<string>;

  constructor(
    private readonly clock: Clock,
    budget: MemoryBudget,
  ) {
    this.values = new ExpiringMap(clock, budget);
  }

  async get(key: string): Promise<string | null> {
    return this.values.live(key)?.value ?? null;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.put(key, value, ttlMs);
  }

  async putIfAbsent(key: string, value: string, ttlMs: number): Promise<string | null> {
    const held = this.values.live(key);
    if (held) {
      return held.value;
    }
    this.put(key, value, ttlMs);
    return null;
  }

  async deleteIf(key: string, expected: string): Promise<boolean> {
    if (this.values.live(key)?.value !== expected) {
      return false;
    }
    this.values.delete(key);
    return true;
  }

  async tryLock(key: string, ttlMs: number): Promise<string | null> {
    const lockKey = `lock:${key}`;
    if (this.values.live(lockKey)) {
      return null;
    }
    const token = randomUUID();
    this.put(lockKey, token, ttlMs);
    return token;
  }

  async unlock(key: string, token: string): Promise<void> {
    await this.deleteIf(`lock:${key}`, token);
  }

  private put(key: string, value: string, ttlMs: number): void {
    this.values.set(key, { value, until: this.clock.now() + ttlMs, bytes: 64 + value.length * 2 });
  }
}
