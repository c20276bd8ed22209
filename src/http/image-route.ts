import { type FastifyInstance } from "fastify";

import { AppError } from "../errors/app-error";
import { type ImageFormat, type QRCodeImageService } from "../qrcode/qrcode-image.service";

const IMAGE_FILE = /^([A-Za-z0-9_-]{32})\.(png|svg|jpg)$/;

/** `GET /qrcode/{scanToken}.png|.svg[?size=N]` (or `.jpg`, a WeChat-made code): the image a login page shows, until expiry. */
export function registerImageRoute(app: FastifyInstance, images: QRCodeImageService): void {
  app.get<{ Params: { file: string }; Querystring: { size?: string } }>(
    "/qrcode/:file",
    async (request, reply) => {
      const match = IMAGE_FILE.exec(request.params.file);
      if (!match) {
        throw new AppError("QRCODE_NOT_FOUND", "This QR code does not exist or has expired");
      }
      const image = await images.getImage(
        match[1] as string,
        match[2] as ImageFormat,
        parseSize(request.query.size),
      );
      void reply
        .header("cache-control", `private, max-age=${image.maxAgeSeconds}`)
        .header("etag", image.etag)
        .header("x-content-type-options", "nosniff");
      if (request.headers["if-none-match"] === image.etag) {
        return reply.code(304).send();
      }
      if (match[2] === "svg") {
        void reply.header(
          "content-security-policy",
          "default-src 'none'; style-src 'unsafe-inline'",
        );
      }
      return reply.type(image.contentType).send(image.body);
    },
  );
}

function parseSize(raw: string | undefined): number | undefined {
  if (raw === undefined) {
    return undefined;
  }
  return /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
}
