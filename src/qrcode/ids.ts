import { randomFillSync } from "node:crypto";

/**
 * 24 random bytes = 192 bits, 32 base64url characters. 32 is also the most WeChat's mini program
 * `scene` accepts, and base64url's alphabet is within the characters `scene` allows.
 */
const TOKEN_BYTES = 24;

/**
 * Bytes are drawn from the CSPRNG in batches, as Node's own `randomUUID` does: one call per
 * token cost 7 % of generateQRCode's CPU. Each byte is handed out once.
 */
const POOL_TOKENS = 128;
const pool = Buffer.alloc(TOKEN_BYTES * POOL_TOKENS);
let poolOffset = pool.length;

function randomToken(): string {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const token = pool.toString("base64url", poolOffset, poolOffset + TOKEN_BYTES);
  poolOffset += TOKEN_BYTES;
  return token;
}

export function newQrcodeId(): string {
  return randomToken();
}

export function newScanToken(): string {
  return randomToken();
}

/** The one-time ticket an authorized login page exchanges for tokens. */
export function newTicket(): string {
  return randomToken();
}

/** A token's unique id (`jti`). */
export function newTokenId(): string {
  return randomToken();
}
