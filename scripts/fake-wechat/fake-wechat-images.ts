import QRCode from "qrcode";
import sharp from "sharp";

const QUIET_ZONE_MODULES = 4;

/**
 * A mini program code as WeChat sends it: a JPEG, `width` pixels square, white background.
 * (WeChat draws its round "sun" code; a square QR symbol of the scene carries the same
 * information for a test, which decodes it with jsQR.) Pixels are laid out here and encoded by
 * sharp off the event loop, so a fake under load answers as fast as WeChat would.
 */
export function miniProgramCodeJpeg(scene: string, width: number): Promise<Buffer> {
  const { modules } = QRCode.create(`scene=${scene}`, { errorCorrectionLevel: "H" });
  const scale = Math.max(1, Math.floor(width / (modules.size + 2 * QUIET_ZONE_MODULES)));
  const offset = Math.floor((width - modules.size * scale) / 2);
  const pixels = Buffer.alloc(width * width, 255);
  for (let row = 0; row < modules.size; row += 1) {
    for (let column = 0; column < modules.size; column += 1) {
      if (modules.get(row, column)) {
        for (let dy = 0; dy < scale; dy += 1) {
          const start = (offset + row * scale + dy) * width + offset + column * scale;
          pixels.fill(0, start, start + scale);
        }
      }
    }
  }
  return sharp(pixels, { raw: { width, height: width, channels: 1 } })
    .jpeg()
    .toBuffer();
}

/** A solid red square PNG: a logo whose colour a test can find in the merged code's centre. */
export function redLogoPng(size = 200): Promise<Buffer> {
  return sharp({
    create: { width: size, height: size, channels: 3, background: { r: 230, g: 0, b: 0 } },
  })
    .png()
    .toBuffer();
}
