import { AppError } from "../errors/app-error";
import { addressKey } from "./address-key";
import { type Connection, type GenerateLimit } from "./application";
import { type Caller } from "./caller";
import { type ChannelRegistry } from "./channels/channel-registry";
import { type QRChannel } from "./channels/qr-channel";
import { type Clock } from "./clock";
import { imageExtension, storedImageKey } from "./code-image";
import { assertFieldsFitType, type GenerateRequest, selectConnection } from "./generate-rules";
import { newQrcodeId, newScanToken } from "./ids";
import { type BlobStore } from "./ports/blob-store.port";
import { type RateLimiter } from "./ports/rate-limiter.port";
import { type ReleaseRoom, type SessionStore } from "./ports/session-store.port";
import { isOpen, type QRCodeSession } from "./qrcode.types";
import { type ApplicationDirectory } from "./resolve-caller";
import { buildScanContent } from "./scan-content";

export interface QRCodeServiceOptions {
  /** Base of the image and scan links, e.g. https://login.example.com. */
  readonly publicUrl: string;
  /** How long a finished or expired code stays readable (so the page can see EXPIRED), in ms. */
  readonly retentionAfterExpiryMs: number;
  readonly applications: ApplicationDirectory;
  readonly rateLimiter: RateLimiter;
  /** For applications that set no `generateLimit` of their own. */
  readonly defaultGenerateLimit: GenerateLimit;
}

/** What the landing page of a scanned link may say: which application, and whether it is live. */
export interface ScanLanding {
  readonly applicationName: string;
  readonly live: boolean;
}

export interface GeneratedQRCode {
  readonly qrcodeId: string;
  readonly url: string;
  readonly customLogoUrl: string | null;
  readonly expiresAt: Date;
}

/** What the device flow needs besides: the scanner's handle and the code's scan link. Never
 * given to a login page (the GraphQL type and the REST shapes name their fields). */
export interface GeneratedForDevice extends GeneratedQRCode {
  readonly scanToken: string;
  readonly scanLink: string;
  readonly lifetimeSeconds: number;
}

/** What a code holds besides its image: ids, request, status, and some caller JSON. The hold
 * only says "no" early; the store counts the code's real bytes when it is created. */
const CODE_ROOM_BYTES = 2048;

export class QRCodeService {
  constructor(
    private readonly store: SessionStore,
    private readonly blobs: BlobStore,
    private readonly channels: ChannelRegistry,
    private readonly clock: Clock,
    private readonly options: QRCodeServiceOptions,
  ) {}

  /**
   * Creates a login session and returns where its image is. A code drawn here is drawn when
   * first fetched; a code made elsewhere (WeChat) is made now, so that its failure reaches the
   * login page as a clear error rather than as a broken image.
   */
  async generate(caller: Caller, request: GenerateRequest): Promise<GeneratedForDevice> {
    const { app } = caller;
    const channel = this.channels.require(request.type);
    assertFieldsFitType(channel, request);
    const connection = selectConnection(app, channel, request.extIdpConnId);
    await this.assertWithinGenerateLimit(
      caller,
      app.generateLimit ?? this.options.defaultGenerateLimit,
    );

    const release = await this.store.holdRoom(app.appId, CODE_ROOM_BYTES + channel.imageRoomBytes);
    let session: QRCodeSession;
    try {
      session = await this.create(caller, request, channel, connection, release);
    } finally {
      release();
    }

    const logoForClient = session.autoMergeQrCode ? undefined : connection?.logoUrl;
    return {
      qrcodeId: session.qrcodeId,
      url: `${this.options.publicUrl}/qrcode/${session.scanToken}.${imageExtension(session)}`,
      customLogoUrl: logoForClient ?? null,
      expiresAt: new Date(session.expiresAt),
      scanToken: session.scanToken,
      scanLink: buildScanContent(app.scanUrlTemplate, this.options.publicUrl, session.scanToken),
      lifetimeSeconds: app.qrCodeLifetimeSeconds,
    };
  }

  /**
   * Makes the image, then stores it with its session. An image kept for a code that is then
   * refused (STORE_FULL, the store failing) is dropped: it is kept only with its session.
   */
  private async create(
    caller: Caller,
    request: GenerateRequest,
    channel: QRChannel,
    connection: Connection | undefined,
    releaseRoom: ReleaseRoom,
  ): Promise<QRCodeSession> {
    const { app } = caller;
    const now = this.clock.now();
    const scanToken = newScanToken();
    const expiresAt = now + app.qrCodeLifetimeSeconds * 1000;
    const autoMergeQrCode = request.autoMergeQrCode ?? false;
    const image = await channel.makeImage({
      app,
      connection,
      scanToken,
      scanUrl: buildScanContent(app.scanUrlTemplate, this.options.publicUrl, scanToken),
      expiresAt,
      autoMergeQrCode,
    });
    const session: QRCodeSession = {
      qrcodeId: newQrcodeId(scanToken),
      scanToken,
      appId: app.appId,
      type: request.type,
      status: "PENDING",
      content: image.kind === "rendered" ? image.content : "",
      storedImageType: image.kind === "stored" ? image.blob.contentType : undefined,
      connectionId: connection?.id,
      customData: request.customData ?? undefined,
      context: request.context ?? undefined,
      autoMergeQrCode,
      request: caller.request,
      createdAt: now,
      expiresAt,
    };
    // The held room is handed back just before the real bytes are counted, so the code's own
    // hold does not refuse it.
    releaseRoom();
    if (image.kind !== "stored") {
      await this.store.create(session, expiresAt + this.options.retentionAfterExpiryMs);
      return session;
    }
    const imageKey = storedImageKey(scanToken);
    await this.blobs.put(imageKey, image.blob, expiresAt, app.appId);
    try {
      await this.store.create(session, expiresAt + this.options.retentionAfterExpiryMs);
    } catch (error) {
      await this.blobs.delete(imageKey).catch(() => undefined);
      throw error;
    }
    return session;
  }

  /** Codes are free to ask for; without a cap one client could fill the store with them. */
  private async assertWithinGenerateLimit(
    { app, request }: Caller,
    { perClientIp, windowSeconds }: GenerateLimit,
  ): Promise<void> {
    const retryAfterMs = await this.options.rateLimiter.consume(
      `generate:${app.appId}:${addressKey(request.ip)}`,
      perClientIp,
      windowSeconds,
    );
    if (retryAfterMs > 0) {
      throw new AppError(
        "GENERATE_RATE_LIMITED",
        `at most ${perClientIp} codes per ${windowSeconds} s from one address; retry in ${retryAfterMs} ms`,
        { retryAfterMs },
      );
    }
  }

  /** For the page a plain phone camera opens: name the application, never the session. */
  async describeScanLanding(scanToken: string): Promise<ScanLanding | null> {
    const session = await this.store.findByScanToken(scanToken);
    const app = session && this.options.applications.get(session.appId);
    if (!session || !app) {
      return null;
    }
    // The store reads an open code past its expiresAt as EXPIRED: isOpen covers expiry.
    const live = isOpen(session.status);
    return { applicationName: app.name, live };
  }
}
