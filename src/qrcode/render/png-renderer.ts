import { constants, deflateSync } from "node:zlib";

import { crc32 } from "./crc32";
import { type QRMatrix, QUIET_ZONE_MODULES } from "./qr-matrix";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const FILTER_NONE = 0;
/** PNG's "Up" filter: each byte minus the one above. A repeated row becomes all zeros. */
const FILTER_UP = 2;

/**
 * A 1-bit greyscale PNG. A QR code is two colours, so one bit a pixel with no alpha. The image
 * route is the hot path of every login page, so the encoder does as little as it can: each module
 * row is drawn once and its `scale - 1` copies are written as "same as above" (zeros, which
 * deflate at level 1 squeezes in microseconds), instead of RGBA at level 9 (milliseconds).
 */
export function renderPng(matrix: QRMatrix, scale: number): Buffer {
  const width = (matrix.size + 2 * QUIET_ZONE_MODULES) * scale;
  const rowBytes = 1 + Math.ceil(width / 8);
  const raw = scratchBuffer(rowBytes * width);
  for (let moduleY = 0; moduleY < matrix.size + 2 * QUIET_ZONE_MODULES; moduleY++) {
    const first = moduleY * scale * rowBytes;
    raw[first] = FILTER_NONE;
    drawModuleRow(raw, first + 1, rowBytes - 1, matrix, moduleY - QUIET_ZONE_MODULES, scale);
    for (let repeat = 1; repeat < scale; repeat++) {
      raw[first + repeat * rowBytes] = FILTER_UP;
    }
  }

  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(width, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // colour type greyscale; compression, filter method, interlace: 0
  const idat = deflateSync(raw, { level: 1, strategy: constants.Z_FILTERED });
  return Buffer.concat([
    SIGNATURE,
    chunk("IHDR", header),
    chunk("IDAT", idat),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/**
 * A zero-filled buffer of this size, reused: the "Up" rows' data bytes are never written, so they
 * stay zero, and every other byte is rewritten on each use. Safe because rendering is synchronous.
 */
let scratch = Buffer.alloc(0);
function scratchBuffer(length: number): Buffer {
  if (scratch.length !== length) {
    scratch = Buffer.alloc(length);
  }
  return scratch;
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

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "latin1");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
