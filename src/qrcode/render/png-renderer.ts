import { crc32, deflateSync } from "node:zlib";

import { type QRMatrix, QUIET_ZONE_MODULES } from "./qr-matrix";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const IEND = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
const FILTER_NONE = 0;
/** PNG's "Up" filter: each byte minus the one above. A repeated row becomes all zeros. */
const FILTER_UP = 2;
/** zlib's fastest level: the rows it gets are mostly runs of zeros, which every level finds. */
const DEFLATE_LEVEL = 1;

/**
 * A 1-bit greyscale PNG of exactly `pixels` wide and high (or the smallest image that holds the
 * symbol and its quiet zone, when `pixels` is less): modules of a whole number of pixels, the
 * rest of the width added to the quiet zone. A QR code is two colours, so one bit a pixel with
 * no alpha. Each module row is drawn once; its repeats are "Up" rows of zeros, which deflate
 * squeezes to almost nothing.
 */
export function renderPng(matrix: QRMatrix, pixels: number): Buffer {
  const modulesWide = matrix.size + 2 * QUIET_ZONE_MODULES;
  const scale = Math.max(1, Math.floor(pixels / modulesWide));
  const width = Math.max(pixels, modulesWide * scale);
  const offset = Math.floor((width - matrix.size * scale) / 2);
  const rowBytes = 1 + Math.ceil(width / 8);
  // Zero-filled: an Up row needs only its filter byte.
  const raw = Buffer.alloc(rowBytes * width);
  let previous = Number.NaN;
  for (let y = 0; y < width; y++) {
    const moduleRow = Math.floor((y - offset) / scale);
    const drawn = moduleRow >= 0 && moduleRow < matrix.size ? moduleRow : -1;
    const start = y * rowBytes;
    if (drawn === previous) {
      raw[start] = FILTER_UP;
      continue;
    }
    raw[start] = FILTER_NONE;
    drawModuleRow(raw, start + 1, rowBytes - 1, matrix, drawn, scale, offset);
    previous = drawn;
  }
  return assemble(width, deflateSync(raw, { level: DEFLATE_LEVEL }));
}

/** The PNG file: signature, IHDR, the one IDAT, IEND, in a single allocation. */
function assemble(width: number, idat: Buffer): Buffer {
  const png = Buffer.allocUnsafe(SIGNATURE.length + 25 + 12 + idat.length + IEND.length);
  SIGNATURE.copy(png, 0);
  let at = SIGNATURE.length;
  png.writeUInt32BE(13, at);
  png.write("IHDR", at + 4, "latin1");
  png.writeUInt32BE(width, at + 8);
  png.writeUInt32BE(width, at + 12);
  png[at + 16] = 1; // bit depth
  png.fill(0, at + 17, at + 21); // greyscale; compression, filter method, no interlace
  png.writeUInt32BE(crc32(png.subarray(at + 4, at + 21)), at + 21);
  at += 25;
  png.writeUInt32BE(idat.length, at);
  png.write("IDAT", at + 4, "latin1");
  idat.copy(png, at + 8);
  png.writeUInt32BE(crc32(png.subarray(at + 4, at + 8 + idat.length)), at + 8 + idat.length);
  IEND.copy(png, at + 12 + idat.length);
  return png;
}

/** Writes one pixel row: white (1 bits) with each run of dark modules cleared to 0. */
function drawModuleRow(
  raw: Buffer,
  start: number,
  bytes: number,
  matrix: QRMatrix,
  y: number,
  scale: number,
  offset: number,
): void {
  // Plain loops, not Buffer#fill: these ranges are a few bytes, where fill's call costs more.
  for (let i = start; i < start + bytes; i++) {
    raw[i] = 0xff;
  }
  if (y < 0 || y >= matrix.size) {
    return;
  }
  const rowOffset = y * matrix.size;
  let x = 0;
  while (x < matrix.size) {
    if (!matrix.modules[rowOffset + x]) {
      x++;
      continue;
    }
    const runStart = x;
    while (x < matrix.size && matrix.modules[rowOffset + x]) {
      x++;
    }
    clearBits(raw, start, offset + runStart * scale, offset + x * scale);
  }
}

/** Clears pixel bits [from, to) of a row: edge bits one by one, whole bytes at once. */
function clearBits(raw: Buffer, rowStart: number, from: number, to: number): void {
  let bit = from;
  while (bit < to && (bit & 7) !== 0) {
    raw[rowStart + (bit >> 3)] = (raw[rowStart + (bit >> 3)] as number) & ~(0x80 >> (bit & 7));
    bit++;
  }
  while (to - bit >= 8) {
    raw[rowStart + (bit >> 3)] = 0;
    bit += 8;
  }
  while (bit < to) {
    raw[rowStart + (bit >> 3)] = (raw[rowStart + (bit >> 3)] as number) & ~(0x80 >> (bit & 7));
    bit++;
  }
}
