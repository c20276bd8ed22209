import { LRUCache } from "lru-cache";
import sharp from "sharp";

import { AppError } from "../errors/app-error";
import { type StoredBlob } from "../qrcode/ports/blob-store.port";
import { type LogoMerger } from "../qrcode/ports/logo-merger.port";

/** WeChat's centre disc, as fractions of the code's width: our disc covers it, the logo sits
 * inside it with a margin of the background colour. */
const DISC_FRACTION = 0.46;
const LOGO_FRACTION = 0.4;
/** A mini program code's background is white unless `is_hyaline` is asked for (we never do). */
const BACKGROUND = { r: 255, g: 255, b: 255, alpha: 1 };
const LOGO_TIMEOUT_MS = 3000;
const LOGO_MAX_BYTES = 1024 * 1024;
const LOGO_CACHE_TTL_MS = 10 * 60 * 1000;

/**
 * Merges a connection's logo onto a WeChat mini program code with sharp: the code is decoded
 * once, the disc and the logo composed, and the result encoded once in the code's own format.
 * The logo is fetched once per URL (timeout, size cap), cut to a circle per size, and cached.
 */
export class SharpLogoMerger implements LogoMerger {
  private readonly logos = new LRUCache<string, Promise<Buffer>>({
    max: 256,
    ttl: LOGO_CACHE_TTL_MS,
  });

  async merge(image: StoredBlob, logoUrl: string): Promise<StoredBlob> {
    const { width = 0, height = 0 } = await sharp(image.body).metadata();
    const discSize = Math.round(width * DISC_FRACTION);
    const logoSize = Math.round(width * LOGO_FRACTION);
    const [disc, logo] = await Promise.all([
      circle(discSize),
      this.circularLogo(logoUrl, logoSize),
    ]);
    const centred = (size: number) => ({
      left: Math.round((width - size) / 2),
      top: Math.round((height - size) / 2),
    });
    const composed = sharp(image.body).composite([
      { input: disc, ...centred(discSize) },
      { input: logo, ...centred(logoSize) },
    ]);
    const body =
      image.contentType === "image/png"
        ? await composed.png().toBuffer()
        : await composed.jpeg({ quality: 90 }).toBuffer();
    return { body, contentType: image.contentType };
  }

  private circularLogo(url: string, size: number): Promise<Buffer> {
    const key = `${size} ${url}`;
    let logo = this.logos.get(key);
    if (!logo) {
      logo = fetchLogo(url).then((bytes) => cutCircle(bytes, size));
      // A failure is not kept: the next code tries again.
      logo.catch(() => this.logos.delete(key));
      this.logos.set(key, logo);
    }
    return logo;
  }
}

/** A filled disc of the background colour, as a PNG with transparent corners. */
function circle(size: number): Promise<Buffer> {
  return sharp({ create: { width: size, height: size, channels: 4, background: BACKGROUND } })
    .composite([{ input: circleMask(size), blend: "dest-in" }])
    .png()
    .toBuffer();
}

async function cutCircle(bytes: Buffer, size: number): Promise<Buffer> {
  try {
    return await sharp(bytes)
      .resize(size, size, { fit: "cover" })
      .ensureAlpha()
      .composite([{ input: circleMask(size), blend: "dest-in" }])
      .png()
      .toBuffer();
  } catch {
    throw logoUnavailable("the connection's logo is not an image this service can read");
  }
}

function circleMask(size: number): Buffer {
  const r = size / 2;
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><circle cx="${r}" cy="${r}" r="${r}" fill="#fff"/></svg>`,
  );
}

async function fetchLogo(url: string): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(LOGO_TIMEOUT_MS) });
  } catch {
    throw logoUnavailable("the connection's logo could not be fetched in time");
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw logoUnavailable(`the connection's logo answered HTTP ${response.status}`);
  }
  if (Number(response.headers.get("content-length") ?? 0) > LOGO_MAX_BYTES) {
    await response.body?.cancel();
    throw logoUnavailable("the connection's logo is larger than 1 MiB");
  }
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > LOGO_MAX_BYTES) {
    throw logoUnavailable("the connection's logo is larger than 1 MiB");
  }
  return bytes;
}

function logoUnavailable(message: string): AppError {
  return new AppError("LOGO_UNAVAILABLE", message);
}
