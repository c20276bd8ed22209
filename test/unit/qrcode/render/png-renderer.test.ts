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
  const matrix = encodeMatrix(content);

  it("writes a PNG that an independent decoder reads back to the encoded content", () => {
    expect(decodePngQr(renderPng(matrix, 300))).toBe(content);
  });

  it.each([64, 123, 250, 300, 301, 1024])(
    "is exactly %i pixels square, every pixel where the symbol puts it (pngjs decodes it)",
    (pixels) => {
      const image = PNG.sync.read(renderPng(matrix, pixels));

      expect(image.width).toBe(pixels);
      expect(image.height).toBe(pixels);
      expect(darkPixels(image)).toEqual(expectedDarkPixels(matrix, pixels));
    },
  );

  it("keeps at least the quiet zone, growing past the size asked when it must", () => {
    const modulesWide = matrix.size + 2 * QUIET_ZONE_MODULES;

    const image = PNG.sync.read(renderPng(matrix, modulesWide - 5));

    expect(image.width).toBe(modulesWide);
    expect(decodePngQr(renderPng(matrix, modulesWide - 5))).toBe(content);
  });

  it("is a small 1-bit greyscale file: under a kilobyte at the default 300 pixels", () => {
    const png = renderPng(matrix, 300);

    expect(png.length).toBeLessThan(1024);
    expect(png[24]).toBe(1); // bit depth
    expect(png[25]).toBe(0); // colour type 0: greyscale
  });

  it.each([123, 250, 301])("decodes at %i pixels, where modules straddle byte edges", (pixels) => {
    expect(decodePngQr(renderPng(matrix, pixels))).toBe(content);
  });
});

/** Dark pixels as a bitmap string, read from pngjs's RGBA. */
function darkPixels(image: PNG): string {
  let bits = "";
  for (let at = 0; at < image.data.length; at += 4) {
    bits += image.data[at] === 0 ? "1" : "0";
  }
  return bits;
}

/** The same bitmap computed from the matrix: whole-pixel modules, the symbol centred. */
function expectedDarkPixels(matrix: QRMatrix, pixels: number): string {
  const scale = Math.floor(pixels / (matrix.size + 2 * QUIET_ZONE_MODULES));
  const offset = Math.floor((pixels - matrix.size * scale) / 2);
  let bits = "";
  for (let y = 0; y < pixels; y++) {
    for (let x = 0; x < pixels; x++) {
      const [mx, my] = [Math.floor((x - offset) / scale), Math.floor((y - offset) / scale)];
      const inside = x >= offset && y >= offset && mx < matrix.size && my < matrix.size;
      bits += inside && matrix.modules[my * matrix.size + mx] ? "1" : "0";
    }
  }
  return bits;
}
