import { randomBytes } from "node:crypto";

import { Redis } from "ioredis";

/** The Redis every machine here runs (CI starts it when it is not answering). */
export const REDIS_TEST_URL = process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379/0";

/** A key prefix no other test file or run shares, so files run in parallel and clean up. */
export function uniqueKeyPrefix(label: string): string {
  return `qr-test:${label}:${process.pid}:${randomBytes(4).toString("hex")}:`;
}

/** Removes every key a test file wrote under its prefix. */
export async function deleteKeys(keyPrefix: string): Promise<void> {
  const redis = new Redis(REDIS_TEST_URL);
  try {
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length > 0) {
      await redis.del(...keys);
    }
  } finally {
    await redis.quit();
  }
}
