import { assertThat } from "../errors/app-error";
import { type JsonObject, type JsonValue } from "./qrcode.types";

/** Limits on caller-supplied JSON objects, so one login cannot bloat the store or a hook. */
export const MAX_JSON_BYTES = 4096;
export const MAX_JSON_DEPTH = 5;
/** Keys that become an object's prototype, or shadow its constructor, when code assigns them. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Depth and keys first, in one walk that stops one level past the limit: serializing to measure
 * the size would recurse through every level of a hostile input first.
 */
export function assertJsonWithinLimits(field: string, value: JsonObject): void {
  const { depth, forbiddenKey } = inspect(value, 0);
  assertThat(
    depth <= MAX_JSON_DEPTH,
    "JSON_TOO_DEEP",
    `${field} is nested more than ${MAX_JSON_DEPTH} levels deep; at most ${MAX_JSON_DEPTH} are allowed`,
    { field, depth, limit: MAX_JSON_DEPTH },
  );
  assertThat(
    forbiddenKey === undefined,
    "INVALID_INPUT",
    `${field} may not use the key "${forbiddenKey}" (reserved: ${[...FORBIDDEN_KEYS].join(", ")})`,
    { field },
  );
  const bytes = Buffer.byteLength(JSON.stringify(value), "utf8");
  assertThat(
    bytes <= MAX_JSON_BYTES,
    "JSON_TOO_LARGE",
    `${field} is ${bytes} bytes serialized; at most ${MAX_JSON_BYTES} are allowed`,
    { field, bytes, limit: MAX_JSON_BYTES },
  );
}

interface Shape {
  /** `{}` and `{ a: 1 }` are one level; each object or array inside adds one. */
  readonly depth: number;
  readonly forbiddenKey?: string;
}

function inspect(value: JsonValue, level: number): Shape {
  if (value === null || typeof value !== "object" || level > MAX_JSON_DEPTH) {
    return { depth: level };
  }
  let deepest = level + 1;
  for (const key of Array.isArray(value) ? [] : Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) {
      return { depth: deepest, forbiddenKey: key };
    }
  }
  const children: readonly JsonValue[] = Array.isArray(value) ? value : Object.values(value);
  for (const child of children) {
    const shape = inspect(child, level + 1);
    if (shape.forbiddenKey !== undefined || shape.depth > MAX_JSON_DEPTH) {
      return shape;
    }
    deepest = Math.max(deepest, shape.depth);
  }
  return { depth: deepest };
}
