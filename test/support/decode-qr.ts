import jsQR from "jsqr";
import { PNG } from "pngjs";
import sharp from "sharp";

/** Decodes a PNG with decoders that share no code with ours: pngjs for the file, jsQR for the symbol. */
export function decodePngQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

/** Rasterises an SVG with librsvg (through sharp), then decodes the symbol with jsQR. */
export async function decodeSvgQr(svg: Buffer): Promise<string | null> {
  const { data, info } = await sharp(svg)
    .flatten({ background: "#ffffff" })
    .ensureAlpha()
    .raw()
    .toBuffer({
      resolveWithObject: true,
    });
  return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data ?? null;
}
