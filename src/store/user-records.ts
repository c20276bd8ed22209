import { type JsonObject } from "../qrcode/qrcode.types";

/** A user's record is dropped this long after their last login through this service. */
export const USER_RETENTION_MS = 90 * 24 * 60 * 60 * 1000;

/**
 * Bounds on the custom data kept for one user. Each login merges its `customData` (≤ 4 KiB) in,
 * key by key; without a bound a user's record would grow by every login's new keys.
 */
export const USER_CUSTOM_DATA_LIMITS = { maxKeys: 64, maxBytes: 16 * 1024 } as const;

/** What a key and its value weigh against the bound: the UTF-8 bytes of both, as JSON. */
export function entryBytes(key: string, serializedValue: string): number {
  return Buffer.byteLength(key) + Buffer.byteLength(serializedValue);
}

/**
 * The login's keys merged into the kept ones; when the result would pass a bound, the login's
 * keys replace the kept ones (the newest wins, and one login's data always fits). The Redis
 * adapter does the same in its save-user script.
 */
export function mergeCustomData(
  kept: JsonObject | undefined,
  update: JsonObject | undefined,
): JsonObject {
  const merged: JsonObject = { ...kept, ...update };
  const entries = Object.entries(merged);
  const bytes = entries.reduce(
    (sum, [key, value]) => sum + entryBytes(key, JSON.stringify(value)),
    0,
  );
  if (
    entries.length <= USER_CUSTOM_DATA_LIMITS.maxKeys &&
    bytes <= USER_CUSTOM_DATA_LIMITS.maxBytes
  ) {
    return merged;
  }
  return { ...update };
}
