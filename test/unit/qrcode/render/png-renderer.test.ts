import { PNG } from "pngjs";

import { renderPng } from "../../../../src/qrcode/render/png-renderer";
import { encodeMatrix, QUIET_ZONE_MODULES } from "../../../../src/qrcode/render/qr-matrix";
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

  it("keeps the file small: well under a kilobyte a hundred modules", () => {
    const png = renderPng(encodeMatrix(content), 8);

    expect(png.length).toBeLessThan(1500);
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
});
