import { assertThat } from "../errors/app-error";
import { type JsonObject, type JsonValue } from "./qrcode.types";

/** Limits on caller-supplied JSON objects, so one login cannot bloat the store or a hook. */
export const MAX_JSON_BYTES = 4096;
export const MAX_JSON_DEPTH = 5;

export function assertJsonWithinLimits(field: string, value: JsonObject): void {
  const bytes = Buffer.byteLength(JSON.stringify(value), "utf8");
  assertThat(
    bytes <= MAX_JSON_BYTES,
    "JSON_TOO_LARGE",
    `${field} is ${bytes} bytes serialized; at most ${MAX_JSON_BYTES} are allowed`,
    { field, bytes, limit: MAX_JSON_BYTES },
  );
  const depth = depthOf(value);
  assertThat(
    depth <= MAX_JSON_DEPTH,
    "JSON_TOO_DEEP",
    `${field} is nested more than ${MAX_JSON_DEPTH} levels deep; at most ${MAX_JSON_DEPTH} are allowed`,
    { field, depth, limit: MAX_JSON_DEPTH },
  );
}

/**
 * `{}` and `{ a: 1 }` are one level; each object or array inside adds one. Counting stops one
 * past the limit, so a hostile input costs no more than a legal one.
 */
function depthOf(value: JsonValue, level = 0): number {
  if (value === null || typeof value !== "object" || level > MAX_JSON_DEPTH) {
    return level;
  }
  const children = Array.isArray(value) ? value : Object.values(value);
  let deepest = level + 1;
  for (const child of children) {
    deepest = Math.max(deepest, depthOf(child, level + 1));
  }
  return deepest;
}
