import { randomFillSync } from "node:crypto";

/** 24 random bytes = 192 bits, 32 base64url characters. */
const TOKEN_BYTES = 24;
/** Scan tokens: 32 base62 characters (190 bits). 32 is the most a WeChat mini program `scene`
 * takes, and letters and digits are legal in every place a scan token goes: a `scene`, an
 * official account's `qrscene_` key, a URL path, the hosted API's unescaped query strings. */
const SCAN_TOKEN_CHARS = 32;
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** Bytes at or above this are skipped, so every base62 character is equally likely. */
const BASE62_BYTE_LIMIT = 248;

/**
 * Bytes are drawn from the CSPRNG in batches, as Node's own `randomUUID` does: one call per
 * token cost 7 % of generateQRCode's CPU. Each byte is handed out once.
 */
const POOL_TOKENS = 128;
const pool = Buffer.alloc(TOKEN_BYTES * POOL_TOKENS);
let poolOffset = pool.length;

function refillIfSpent(bytes: number): void {
  if (poolOffset + bytes > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
}

function randomToken(): string {
  refillIfSpent(TOKEN_BYTES);
  const token = pool.toString("base64url", poolOffset, poolOffset + TOKEN_BYTES);
  poolOffset += TOKEN_BYTES;
  return token;
}

function randomBase62(length: number): string {
  let token = "";
  while (token.length < length) {
    refillIfSpent(1);
    const byte = pool[poolOffset++] as number;
    if (byte < BASE62_BYTE_LIMIT) {
      token += BASE62[byte % 62];
    }
  }
  return token;
}

export function newQrcodeId(): string {
  return randomToken();
}

export function newScanToken(): string {
  return randomBase62(SCAN_TOKEN_CHARS);
}

/** The one-time ticket an authorized login page exchanges for tokens. */
export function newTicket(): string {
  return randomToken();
}

/** A token's unique id (`jti`). */
export function newTokenId(): string {
  return randomToken();
}
