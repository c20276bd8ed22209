import { encodeMatrix } from "../../../../src/qrcode/render/qr-matrix";
import { renderSvg } from "../../../../src/qrcode/render/svg-renderer";
import { decodeSvgQr } from "../../../support/decode-qr";

describe("renderSvg", () => {
  it("draws a symbol that decodes, after rasterising, to the encoded content", async () => {
    const content = "http://qr.test/scan/AAAABBBBCCCCDDDDEEEEFFFFGGGGHHHH";

    const svg = renderSvg(encodeMatrix(content), 300);

    expect(await decodeSvgQr(Buffer.from(svg))).toBe(content);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="300" height="300"/);
  });
});
