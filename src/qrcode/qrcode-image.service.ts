import { createHash } from "node:crypto";

import { LRUCache } from "lru-cache";

import { AppError, assertThat } from "../errors/app-error";
import { type Clock } from "./clock";
import { imageExtension, type RenderedFormat, storedImageKey } from "./code-image";
import { type BlobStore } from "./ports/blob-store.port";
import { type SessionStore } from "./ports/session-store.port";
import { isOpen, type QRCodeSession } from "./qrcode.types";
import { renderPng } from "./render/png-renderer";
import { encodeMatrix } from "./render/qr-matrix";
import { renderSvg } from "./render/svg-renderer";

/** The extension asked for: a format drawn here, or a stored image's own (e.g. `jpg`). */
export type ImageFormat = RenderedFormat | "jpg";

export interface QRImage {
  readonly body: Buffer;
  readonly contentType: string;
  readonly etag: string;
  /** Seconds until the code expires; the image is useless after that. */
  readonly maxAgeSeconds: number;
}

/** Pixel bounds of `?size=`: small enough to bound the work one request can ask for. */
export const IMAGE_SIZE = { min: 64, max: 1024, default: 300 } as const;

const CONTENT_TYPES: Record<RenderedFormat, string> = {
  png: "image/png",
  svg: "image/svg+xml",
};

interface CachedImage {
  readonly body: Buffer;
  readonly etag: string;
}

/**
 * Serves the image of a live code. Rendering is cheap (1-bit PNG), but a login page may poll the
 * image or several tabs may load it, so rendered bytes are kept until the code expires. A drawn
 * image is a pure function of the code's content, so replicas need not share that cache; an image
 * made elsewhere (WeChat's) is kept in the blob store, which they do share.
 */
export class QRCodeImageService {
  private readonly cache = new LRUCache<string, CachedImage>({
    maxSize: 64 * 1024 * 1024,
    sizeCalculation: (image) => image.body.length + 128,
  });

  constructor(
    private readonly store: SessionStore,
    private readonly blobs: BlobStore,
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
      throw notFound();
    }
    const maxAgeSeconds = Math.max(0, Math.floor((session.expiresAt - now) / 1000));
    if (session.storedImageType) {
      return { ...(await this.storedImage(session, format)), maxAgeSeconds };
    }
    if (format === "jpg") {
      throw notFound();
    }
    const key = `${scanToken}.${format}.${size}`;
    let image = this.cache.get(key);
    if (!image) {
      image = render(session, format, size);
      this.cache.set(key, image, { ttl: session.expiresAt - now });
    }
    return { ...image, contentType: CONTENT_TYPES[format], maxAgeSeconds };
  }

  /** Served as it was made, at its own extension only (no resizing or converting). */
  private async storedImage(
    session: QRCodeSession,
    format: ImageFormat,
  ): Promise<Omit<QRImage, "maxAgeSeconds">> {
    const blob =
      format === imageExtension(session)
        ? await this.blobs.get(storedImageKey(session.scanToken))
        : null;
    if (!blob) {
      throw notFound();
    }
    return { body: blob.body, contentType: blob.contentType, etag: etagOf(blob.body) };
  }
}

function notFound(): AppError {
  return new AppError("QRCODE_NOT_FOUND", "This QR code does not exist or has expired");
}

function etagOf(body: Buffer): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
}

function render(session: QRCodeSession, format: RenderedFormat, size: number): CachedImage {
  const matrix = encodeMatrix(session.content);
  const body =
    format === "png" ? renderPng(matrix, size) : Buffer.from(renderSvg(matrix, size), "utf8");
  return { body, etag: etagOf(body) };
}
