import { inflateSync } from "node:zlib";

import { PNG } from "pngjs";

import { renderPng } from "../../../../src/qrcode/render/png-renderer";
import {
  encodeMatrix,
  type QRMatrix,
  QUIET_ZONE_MODULES,
} from "../../../../src/qrcode/render/qr-matrix";
import { decodePngQr } from "../../../support/decode-qr";

describe("renderPng", () => {
  const content = "http://qr.test/scan/9JTS9da634mu6fe-IZv8ahIJ88MpveBQ";

  it("writes a PNG that an independent decoder reads back to the encoded content", () => {
    const png = renderPng(encodeMatrix(content), 6);

    expect(decodePngQr(png)).toBe(content);
  });

  it("is a 1-bit greyscale image of the symbol plus its quiet zone, times the scale", () => {
    const matrix = encodeMatrix(content);

    const image = PNG.sync.read(renderPng(matrix, 5));

    expect(image.width).toBe((matrix.size + 2 * QUIET_ZONE_MODULES) * 5);
    expect(image.height).toBe(image.width);
    // pngjs expands to RGBA; the corner (quiet zone) is white, the finder pattern's corner black.
    expect(image.data[0]).toBe(255);
    const finder = (QUIET_ZONE_MODULES * 5 * image.width + QUIET_ZONE_MODULES * 5) * 4;
    expect(image.data[finder]).toBe(0);
  });

  it("keeps the file small: about a byte and a half a module at the default size", () => {
    const matrix = encodeMatrix(content);
    const png = renderPng(matrix, 8);

    expect(png.length).toBeLessThan(1.5 * matrix.size * matrix.size);
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(png[24 + 1]).toBe(0); // colour type 0 (greyscale) after bit depth at byte 24
    expect(png[24]).toBe(1);
  });

  it("draws each image afresh when renderings of the same size follow one another", () => {
    const other = "http://qr.test/scan/ZZZZYYYYXXXXWWWWVVVVUUUUTTTTSSSS";

    const first = renderPng(encodeMatrix(content), 7);
    const second = renderPng(encodeMatrix(other), 7);
    const third = renderPng(encodeMatrix(content), 7);

    expect(decodePngQr(second)).toBe(other);
    expect(decodePngQr(third)).toBe(content);
    expect(third.equals(first)).toBe(true);
  });

  it.each([3, 5, 9])("decodes at a scale of %i, where modules straddle byte edges", (scale) => {
    expect(decodePngQr(renderPng(encodeMatrix(content), scale))).toBe(content);
  });

  it.each([1, 2, 7, 35])(
    "compresses exactly the scanlines of the symbol at a scale of %i (zlib inflates them)",
    (scale) => {
      const matrix = encodeMatrix(content);

      const png = renderPng(matrix, scale);

      expect(inflateSync(idatOf(png))).toEqual(expectedScanlines(matrix, scale));
    },
  );
});

/** The IDAT chunk's data; the renderer writes one. */
function idatOf(png: Buffer): Buffer {
  let at = 8;
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    if (png.toString("latin1", at + 4, at + 8) === "IDAT") {
      return png.subarray(at + 8, at + 8 + length);
    }
    at += 12 + length;
  }
  throw new Error("no IDAT chunk");
}

/** The scanlines written the plain way: filter byte 0, then one bit a pixel, 1 for white. */
function expectedScanlines(matrix: QRMatrix, scale: number): Buffer {
  const modulesWide = matrix.size + 2 * QUIET_ZONE_MODULES;
  const width = modulesWide * scale;
  const rowBytes = 1 + Math.ceil(width / 8);
  const raw = Buffer.alloc(rowBytes * width);
  for (let y = 0; y < width; y++) {
    const moduleY = Math.floor(y / scale) - QUIET_ZONE_MODULES;
    const repeat = y % scale !== 0;
    raw[y * rowBytes] = repeat ? 2 : 0;
    if (repeat) {
      continue; // "Up": the same as the row above, so all zeros
    }
    raw.fill(0xff, y * rowBytes + 1, (y + 1) * rowBytes);
    for (let x = 0; x < width; x++) {
      const moduleX = Math.floor(x / scale) - QUIET_ZONE_MODULES;
      const inside = moduleX >= 0 && moduleX < matrix.size && moduleY >= 0 && moduleY < matrix.size;
      if (inside && matrix.modules[moduleY * matrix.size + moduleX]) {
        const at = y * rowBytes + 1 + (x >> 3);
        raw[at] = (raw[at] as number) & ~(0x80 >> (x & 7));
      }
    }
  }
  return raw;
}
