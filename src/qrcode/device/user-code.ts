import { randomBytes } from "node:crypto";

/**
 * RFC 8628 §6.1: 20 consonants (no vowels, so no words; no look-alikes), 8 of them: 20^8 is
 * about 2^34.6. A guesser is held to the pace of wrong codes (`device-code-pace.ts`), so the
 * space is not walked.
 */
const ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
const LENGTH = 8;

/** Bytes at or past this would favour the first letters (256 is not a multiple of 20). */
const UNBIASED_BELOW = 256 - (256 % ALPHABET.length);

/** A new user code, shown `XXXX-XXXX`: uniform letters, from one draw of random bytes. */
export function newUserCode(): string {
  let code = "";
  while (code.length < LENGTH) {
    for (const byte of randomBytes(2 * LENGTH)) {
      if (byte < UNBIASED_BELOW && code.length < LENGTH) {
        code += ALPHABET[byte % ALPHABET.length];
      }
    }
  }
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** A typed code as stored: case, dashes and spaces do not count (RFC 8628 §6.1); null when it
 * cannot be one. */
export function normalizedUserCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, "");
  return code.length === LENGTH && [...code].every((char) => ALPHABET.includes(char)) ? code : null;
}
