import { AppError, assertThat } from "../errors/app-error";
import { type GenerateLimit } from "./application";
import { type Caller } from "./caller";
import { type Clock } from "./clock";
import { assertFieldsFitType, type GenerateRequest, selectConnection } from "./generate-rules";
import { newQrcodeId, newScanToken } from "./ids";
import { type RateLimiter } from "./ports/rate-limiter.port";
import { type SessionStore } from "./ports/session-store.port";
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

/** Types this server can issue now; the WeChat flows arrive with their own adapters. */
const ISSUABLE_TYPES = new Set(["MOBILE_APP"]);

export class QRCodeService {
  constructor(
    private readonly store: SessionStore,
    private readonly clock: Clock,
    private readonly options: QRCodeServiceOptions,
  ) {}

  /** Creates a login session and returns where its image is. No image work happens here. */
  async generate(caller: Caller, request: GenerateRequest): Promise<GeneratedQRCode> {
    const { app } = caller;
    assertFieldsFitType(request);
    const connection = selectConnection(app, request);
    await this.assertWithinGenerateLimit(
      caller,
      app.generateLimit ?? this.options.defaultGenerateLimit,
    );
    assertThat(
      ISSUABLE_TYPES.has(request.type),
      "QR_TYPE_UNAVAILABLE",
      `${request.type} codes are not available on this server yet`,
      {
        field: "type",
      },
    );

    const now = this.clock.now();
    const scanToken = newScanToken();
    const session: QRCodeSession = {
      qrcodeId: newQrcodeId(),
      scanToken,
      appId: app.appId,
      type: request.type,
      status: "PENDING",
      content: buildScanContent(app.scanUrlTemplate, this.options.publicUrl, scanToken),
      connectionId: connection?.id,
      customData: request.customData ?? undefined,
      context: request.context ?? undefined,
      autoMergeQrCode: request.autoMergeQrCode ?? false,
      request: caller.request,
      createdAt: now,
      expiresAt: now + app.qrCodeLifetimeSeconds * 1000,
    };
    await this.store.create(session, session.expiresAt + this.options.retentionAfterExpiryMs);

    const logoForClient = session.autoMergeQrCode ? undefined : connection?.logoUrl;
    return {
      qrcodeId: session.qrcodeId,
      url: `${this.options.publicUrl}/qrcode/${scanToken}.png`,
      customLogoUrl: logoForClient ?? null,
      expiresAt: new Date(session.expiresAt),
    };
  }

  /** Codes are free to ask for; without a cap one client could fill the store with them. */
  private async assertWithinGenerateLimit(
    { app, request }: Caller,
    { perClientIp, windowSeconds }: GenerateLimit,
  ): Promise<void> {
    const retryAfterMs = await this.options.rateLimiter.consume(
      `generate:${app.appId}:${request.ip ?? "unknown"}`,
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
