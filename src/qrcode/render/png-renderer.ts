import { deflateSync } from "node:zlib";

import { crc32 } from "./crc32";
import { type QRMatrix, QUIET_ZONE_MODULES } from "./qr-matrix";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A 1-bit greyscale PNG. A QR code is two colours, so one bit a pixel with no alpha compresses
 * in a tenth of a millisecond where an RGBA image at deflate level 9 takes several: this is the
 * hot path of every login page.
 */
export function renderPng(matrix: QRMatrix, scale: number): Buffer {
  const modulesWide = matrix.size + 2 * QUIET_ZONE_MODULES;
  const width = modulesWide * scale;
  const rowBytes = 1 + Math.ceil(width / 8);
  const row = Buffer.alloc(rowBytes);
  const raw = Buffer.alloc(rowBytes * width);

  for (let moduleY = 0; moduleY < modulesWide; moduleY++) {
    fillRow(row, matrix, moduleY - QUIET_ZONE_MODULES, modulesWide, scale);
    for (let repeat = 0; repeat < scale; repeat++) {
      row.copy(raw, (moduleY * scale + repeat) * rowBytes);
    }
  }

  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(width, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // colour type: greyscale
  // bytes 10-12: deflate, adaptive filtering, no interlace (all zero)
  return Buffer.concat([
    SIGNATURE,
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** One pixel row (filter byte 0, then bits; 1 = white in greyscale, so dark modules are 0). */
function fillRow(
  row: Buffer,
  matrix: QRMatrix,
  y: number,
  modulesWide: number,
  scale: number,
): void {
  row.fill(0xff);
  row[0] = 0;
  if (y < 0 || y >= matrix.size) {
    return;
  }
  for (let moduleX = 0; moduleX < modulesWide; moduleX++) {
    const x = moduleX - QUIET_ZONE_MODULES;
    if (x < 0 || x >= matrix.size || !matrix.modules[y * matrix.size + x]) {
      continue;
    }
    for (let px = moduleX * scale; px < (moduleX + 1) * scale; px++) {
      const byteIndex = 1 + (px >> 3);
      row[byteIndex] = (row[byteIndex] as number) & ~(0x80 >> (px & 7));
    }
  }
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const typeBytes = Buffer.from(type, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeBytes, data), 0);
  return Buffer.concat([length, typeBytes, data, crc]);
}
