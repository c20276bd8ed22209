import { randomBytes } from "node:crypto";

/**
 * 24 random bytes = 192 bits, 32 base64url characters. 32 is also the most WeChat's mini program
 * `scene` accepts, and base64url's alphabet is within the characters `scene` allows.
 */
const TOKEN_BYTES = 24;

export function newQrcodeId(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

export function newScanToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

/** Cheap shape check, so that a malformed handle never reaches the store. */
export function looksLikeToken(value: string): boolean {
  return value.length === 32 && /^[A-Za-z0-9_-]+$/.test(value);
}
