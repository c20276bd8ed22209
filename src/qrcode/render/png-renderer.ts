import { crc32 } from "node:zlib";

import { Adler32 } from "./adler32";
import { FixedHuffmanZlibWriter, MIN_MATCH, withinWindow } from "./fixed-huffman-zlib";
import { type QRMatrix, QUIET_ZONE_MODULES } from "./qr-matrix";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const IEND = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
const FILTER_NONE = 0;
/** PNG's "Up" filter: each byte minus the one above. A repeated row becomes all zeros. */
const FILTER_UP = 2;

/**
 * A 1-bit greyscale PNG. A QR code is two colours, so one bit a pixel with no alpha. The image
 * route is the hot path of every login page, so the encoder does as little as it can: each
 * module row is drawn once, and the compressed stream is written straight from what the
 * renderer knows of the image instead of being searched for by zlib:
 * - a pixel row equal to the previous module row's (quiet zone, finder patterns) is a copy of it;
 * - inside a row, a run of equal bytes is one byte and a copy of it;
 * - the row's `scale - 1` repeats are "Up" rows of zeros: one drawn, the rest copies of it.
 */
export function renderPng(matrix: QRMatrix, scale: number): Buffer {
  const modulesWide = matrix.size + 2 * QUIET_ZONE_MODULES;
  const width = modulesWide * scale;
  const rowBytes = 1 + Math.ceil(width / 8);
  const zlib = new FixedHuffmanZlibWriter(compressedBound(modulesWide, rowBytes, scale));
  const adler = new Adler32();
  const rows = [rowBuffer(0, rowBytes), rowBuffer(1, rowBytes)];
  for (let moduleY = 0; moduleY < modulesWide; moduleY++) {
    const row = rows[moduleY & 1] as Buffer;
    const above = rows[(moduleY + 1) & 1] as Buffer;
    row[0] = FILTER_NONE;
    drawModuleRow(row, 1, rowBytes - 1, matrix, moduleY - QUIET_ZONE_MODULES, scale);
    adler.bytes(row, 0, rowBytes);
    if (moduleY > 0 && withinWindow(scale * rowBytes) && row.equals(above)) {
      zlib.copy(rowBytes, scale * rowBytes);
    } else {
      writeRow(zlib, row);
    }
    if (scale > 1) {
      zlib.literal(FILTER_UP);
      zlib.literal(0);
      zlib.copy(rowBytes - 2, 1);
      if (scale > 2) {
        zlib.copy((scale - 2) * rowBytes, rowBytes);
      }
      for (let repeat = 1; repeat < scale; repeat++) {
        adler.byte(FILTER_UP);
        adler.zeros(rowBytes - 1);
      }
    }
  }
  return assemble(width, zlib.finish(adler.value));
}

/** Literals, with each run of four or more equal bytes as one literal and a copy. */
function writeRow(zlib: FixedHuffmanZlibWriter, row: Buffer): void {
  zlib.literal(row[0] as number);
  let i = 1;
  while (i < row.length) {
    const byte = row[i] as number;
    let end = i + 1;
    while (end < row.length && row[end] === byte) {
      end++;
    }
    zlib.literal(byte);
    if (end - i > MIN_MATCH) {
      zlib.copy(end - i - 1, 1);
    } else {
      for (let k = i + 1; k < end; k++) {
        zlib.literal(byte);
      }
    }
    i = end;
  }
}

/** Literals cost at most 9 bits; each module row adds a few copies of at most 31 bits each. */
function compressedBound(moduleRows: number, rowBytes: number, scale: number): number {
  const copiesPerRow = 4 + Math.ceil((scale * rowBytes) / 256);
  return moduleRows * (Math.ceil((rowBytes * 9) / 8) + 4 * copiesPerRow) + 8;
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

/**
 * Two reusable pixel rows (this module row and the one above), rewritten on every use. Safe
 * because rendering is synchronous.
 */
const scratchRows: Buffer[] = [Buffer.alloc(0), Buffer.alloc(0)];
function rowBuffer(index: 0 | 1, length: number): Buffer {
  if ((scratchRows[index] as Buffer).length !== length) {
    scratchRows[index] = Buffer.alloc(length);
  }
  return scratchRows[index] as Buffer;
}

/** Writes one pixel row: white (1 bits) with each run of dark modules cleared to 0. */
function drawModuleRow(
  raw: Buffer,
  start: number,
  bytes: number,
  matrix: QRMatrix,
  y: number,
  scale: number,
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
    clearBits(
      raw,
      start,
      (runStart + QUIET_ZONE_MODULES) * scale,
      (x + QUIET_ZONE_MODULES) * scale,
    );
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
