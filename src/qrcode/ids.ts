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

/**
 * The first characters of a scan token are its code's tag, and the code's `qrcodeId` starts
 * with the same tag: a shared store (a Redis Cluster) keeps everything of one code under that
 * tag, in one slot, and finds it from either handle in one read. The tag is as public as the
 * QR code; each handle's secret is the rest of it (the qrcodeId: 192 more random bits).
 */
export const CODE_TAG_CHARS = 12;

/** The tag a handle's code is kept under (see CODE_TAG_CHARS). */
export function codeTag(handle: string): string {
  return handle.slice(0, CODE_TAG_CHARS);
}

/** The page's handle for the code whose scan token is `scanToken`. */
export function newQrcodeId(scanToken: string): string {
  return codeTag(scanToken) + randomToken();
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
