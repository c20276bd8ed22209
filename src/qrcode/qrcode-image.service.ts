import { createHash } from "node:crypto";

import { LRUCache } from "lru-cache";

import { AppError, assertThat } from "../errors/app-error";
import { type Clock } from "./clock";
import { type SessionStore } from "./ports/session-store.port";
import { isOpen, type QRCodeSession } from "./qrcode.types";
import { renderPng } from "./render/png-renderer";
import { encodeMatrix } from "./render/qr-matrix";
import { renderSvg } from "./render/svg-renderer";

export type ImageFormat = "png" | "svg";

export interface QRImage {
  readonly body: Buffer;
  readonly contentType: string;
  readonly etag: string;
  /** Seconds until the code expires; the image is useless after that. */
  readonly maxAgeSeconds: number;
}

/** Pixel bounds of `?size=`: small enough to bound the work one request can ask for. */
export const IMAGE_SIZE = { min: 64, max: 1024, default: 300 } as const;

const CONTENT_TYPES: Record<ImageFormat, string> = {
  png: "image/png",
  svg: "image/svg+xml",
};

interface CachedImage {
  readonly body: Buffer;
  readonly etag: string;
}

/**
 * Serves the image of a live code. Rendering is cheap (1-bit PNG), but a login page may poll the
 * image or several tabs may load it, so rendered bytes are kept until the code expires. The cache
 * is a pure function of the scan token, so replicas need not share it.
 */
export class QRCodeImageService {
  private readonly cache = new LRUCache<string, CachedImage>({
    maxSize: 64 * 1024 * 1024,
    sizeCalculation: (image) => image.body.length + 128,
  });

  constructor(
    private readonly store: SessionStore,
    private readonly clock: Clock,
  ) {}

  async getImage(
    scanToken: string,
    format: ImageFormat,
    size: number = IMAGE_SIZE.default,
  ): Promise<QRImage> {
    assertThat(
      Number.isInteger(size) && size >= IMAGE_SIZE.min && size <= IMAGE_SIZE.max,
      "IMAGE_SIZE_INVALID",
      `size must be a whole number of pixels from ${IMAGE_SIZE.min} to ${IMAGE_SIZE.max}`,
      { field: "size" },
    );
    const session = await this.store.findByScanToken(scanToken);
    const now = this.clock.now();
    // The store reads an open code past its expiresAt as EXPIRED: isOpen covers expiry.
    if (!session || !isOpen(session.status)) {
      throw new AppError("QRCODE_NOT_FOUND", "This QR code does not exist or has expired");
    }
    const key = `${scanToken}.${format}.${size}`;
    let image = this.cache.get(key);
    if (!image) {
      const ttl = session.expiresAt - now;
      image = render(session, format, size);
      this.cache.set(key, image, { ttl });
    }
    return {
      ...image,
      contentType: CONTENT_TYPES[format],
      maxAgeSeconds: Math.max(0, Math.floor((session.expiresAt - now) / 1000)),
    };
  }
}

function render(session: QRCodeSession, format: ImageFormat, size: number): CachedImage {
  const matrix = encodeMatrix(session.content);
  const body =
    format === "png" ? renderPng(matrix, size) : Buffer.from(renderSvg(matrix, size), "utf8");
  const digest = createHash("sha256").update(body).digest("base64url").slice(0, 27);
  return { body, etag: `"${digest}"` };
}
