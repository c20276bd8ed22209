/**
 * A zlib stream (RFC 1950) of one deflate block with the fixed Huffman codes (RFC 1951 §3.2.6),
 * written from literals and back-references the caller chooses. A QR image's scanlines are
 * made of repeats the renderer already knows (a module row drawn `scale` times, runs of white),
 * so it can name them directly instead of having zlib search for them, and without the cost
 * of setting up a zlib stream per image (renderPng went from 44–52 to 34 µs).
 */
export class FixedHuffmanZlibWriter {
  private readonly out: Buffer;
  private position = 2;
  private bits = 0;
  private bitCount = 0;

  /** `capacity`: an upper bound of the compressed bytes; literals cost at most 9 bits. */
  constructor(capacity: number) {
    this.out = Buffer.allocUnsafe(capacity + 16);
    // CMF 0x78: deflate with a 32 KiB window; FLG 0x01: no dictionary, (CMF·256 + FLG) % 31 = 0.
    this.out[0] = 0x78;
    this.out[1] = 0x01;
    this.write(0b011, 3); // BFINAL = 1, BTYPE = 01 (fixed codes), least significant bit first
  }

  literal(byte: number): void {
    this.write(LITERAL_CODES[byte] as number, LITERAL_LENGTHS[byte] as number);
  }

  /** Repeats the `length` bytes that start `distance` back (they may overlap what they make). */
  copy(length: number, distance: number): void {
    let left = length;
    while (left > 0) {
      // Matches are 3 to 258 bytes; never leave a remainder of 1 or 2.
      let take = left > MAX_MATCH ? MAX_MATCH : left;
      if (left - take > 0 && left - take < MIN_MATCH) {
        take = left - MIN_MATCH;
      }
      this.write(LENGTH_CODES[take] as number, LENGTH_BITS[take] as number);
      this.writeDistance(distance);
      left -= take;
    }
  }

  /** Ends the block and appends the Adler-32 of the uncompressed bytes. */
  finish(adler32: number): Buffer {
    this.write(0, 7); // end of block: symbol 256, seven zero bits
    if (this.bitCount > 0) {
      this.out[this.position++] = this.bits & 0xff;
    }
    this.out.writeUInt32BE(adler32 >>> 0, this.position);
    return this.out.subarray(0, this.position + 4);
  }

  private writeDistance(distance: number): void {
    let symbol = DISTANCE_BASES.length - 1;
    while ((DISTANCE_BASES[symbol] as number) > distance) {
      symbol--;
    }
    const extraBits = DISTANCE_EXTRA_BITS[symbol] as number;
    const extra = distance - (DISTANCE_BASES[symbol] as number);
    this.write((DISTANCE_CODES[symbol] as number) | (extra << 5), 5 + extraBits);
  }

  /** Appends `count` bits of `value`, least significant first, as deflate packs them. */
  private write(value: number, count: number): void {
    this.bits |= value << this.bitCount;
    this.bitCount += count;
    while (this.bitCount >= 8) {
      this.out[this.position++] = this.bits & 0xff;
      this.bits >>>= 8;
      this.bitCount -= 8;
    }
  }
}

/** Whether a back-reference can reach `distance` bytes back (deflate's window is 32 KiB). */
export function withinWindow(distance: number): boolean {
  return distance <= 32_768;
}

export const MIN_MATCH = 3;
const MAX_MATCH = 258;

const LENGTH_BASES = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
  163, 195, 227, 258,
];
const LENGTH_EXTRA_BITS = [
  0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DISTANCE_BASES = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
  3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DISTANCE_EXTRA_BITS = [
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
];

/** Huffman codes are defined most significant bit first, but packed into bytes from the least. */
function reverseBits(code: number, length: number): number {
  let reversed = 0;
  for (let i = 0; i < length; i++) {
    reversed = (reversed << 1) | ((code >> i) & 1);
  }
  return reversed;
}

/** The fixed code of a literal/length symbol (0–287), as [code, bit length]. */
function fixedCode(symbol: number): [number, number] {
  if (symbol < 144) {
    return [0x30 + symbol, 8];
  }
  if (symbol < 256) {
    return [0x190 + symbol - 144, 9];
  }
  if (symbol < 280) {
    return [symbol - 256, 7];
  }
  return [0xc0 + symbol - 280, 8];
}

const LITERAL_CODES = new Uint16Array(256);
const LITERAL_LENGTHS = new Uint8Array(256);
for (let byte = 0; byte < 256; byte++) {
  const [code, length] = fixedCode(byte);
  LITERAL_CODES[byte] = reverseBits(code, length);
  LITERAL_LENGTHS[byte] = length;
}

/** The fixed five-bit distance codes, bit-reversed for packing. */
const DISTANCE_CODES = Uint8Array.from(DISTANCE_BASES, (_base, symbol) => reverseBits(symbol, 5));

/** Each match length's symbol code and extra bits, already packed, indexed by length. */
const LENGTH_CODES = new Uint32Array(MAX_MATCH + 1);
const LENGTH_BITS = new Uint8Array(MAX_MATCH + 1);
for (let symbol = 0; symbol < LENGTH_BASES.length; symbol++) {
  const base = LENGTH_BASES[symbol] as number;
  const extraBits = LENGTH_EXTRA_BITS[symbol] as number;
  const [code, length] = fixedCode(257 + symbol);
  // Each symbol ends where the next begins: 258 is symbol 285's, not symbol 284 + 31.
  const last = symbol + 1 < LENGTH_BASES.length ? (LENGTH_BASES[symbol + 1] as number) - 1 : base;
  for (let extra = 0; base + extra <= last; extra++) {
    LENGTH_CODES[base + extra] = reverseBits(code, length) | (extra << length);
    LENGTH_BITS[base + extra] = length + extraBits;
  }
}
