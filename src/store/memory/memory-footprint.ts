import { type QRCodeSession } from "../../qrcode/qrcode.types";
import { type UserRecord } from "../../qrcode/qrcode.types";

/**
 * Heap estimates for the memory store's byte bound, from V8's layout on 64-bit Node 20 with
 * pointer compression off, checked against `process.memoryUsage().heapUsed` for 5,000 codes of
 * each shape (docs/configuration.md, Limits): a code with nothing caller-given is ~350 bytes besides its
 * strings, and caller JSON costs by its shape, not its length: `[{},{},...]` is 3 bytes of JSON
 * and ~60 of heap per element, so length alone would under-count a hostile code twenty times.
 */
const SESSION_BYTES = 512;
const STRING_BYTES = 16;
const OBJECT_BYTES = 56;
const PROPERTY_BYTES = 24;
const ARRAY_BYTES = 32;
const ELEMENT_BYTES = 8;
const NUMBER_BYTES = 16;
const ONCE_VALUE_BYTES = 256;
const USER_BYTES = 256;

export function stringBytes(value: string | undefined): number {
  return value === undefined ? 0 : STRING_BYTES + value.length * 2;
}

/** Walks the value once; strings count two bytes a character (V8 may store them as UTF-16). */
export function jsonBytes(value: unknown): number {
  if (typeof value === "string") {
    return stringBytes(value);
  }
  if (typeof value === "number") {
    return NUMBER_BYTES;
  }
  if (Array.isArray(value)) {
    return value.reduce<number>(
      (sum, element) => sum + ELEMENT_BYTES + jsonBytes(element),
      ARRAY_BYTES,
    );
  }
  if (value !== null && typeof value === "object") {
    let sum = OBJECT_BYTES;
    for (const [key, child] of Object.entries(value)) {
      sum += PROPERTY_BYTES + stringBytes(key) + jsonBytes(child);
    }
    return sum;
  }
  return 0;
}

export function sessionBytes(session: QRCodeSession): number {
  const { request, scanner } = session;
  return (
    SESSION_BYTES +
    stringBytes(session.qrcodeId) +
    stringBytes(session.scanToken) +
    stringBytes(session.content) +
    stringBytes(session.connectionId) +
    stringBytes(request.origin) +
    stringBytes(request.userAgent) +
    stringBytes(request.ip) +
    stringBytes(scanner?.userId) +
    stringBytes(scanner?.displayName) +
    stringBytes(scanner?.photo) +
    stringBytes(session.ticket) +
    stringBytes(session.cancelReason) +
    stringBytes(session.cancelledBy) +
    jsonBytes(session.customData) +
    jsonBytes(session.context)
  );
}

export function onceValueBytes(key: string, value: string): number {
  return ONCE_VALUE_BYTES + stringBytes(key) + stringBytes(value);
}

export function userBytes(key: string, user: UserRecord): number {
  return (
    USER_BYTES +
    stringBytes(key) +
    stringBytes(user.displayName) +
    stringBytes(user.photo) +
    jsonBytes(user.customData)
  );
}

export function blobBytes(key: string, body: Buffer, contentType: string): number {
  return ONCE_VALUE_BYTES + stringBytes(key) + stringBytes(contentType) + body.length;
}
