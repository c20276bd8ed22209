import { randomBytes } from "node:crypto";

import { AppError, assertThat } from "../../errors/app-error";
import { type ClientCredentials } from "../client-auth";
import { type GenerateRequest } from "../generate-rules";
import { type SharedCache } from "../ports/shared-cache.port";
import { type QRCodeService } from "../qrcode.service";
import { type JsonObject, type QRCodeType, type RequestOrigin } from "../qrcode.types";
import { type ApplicationDirectory } from "../resolve-caller";
import { deviceGrantKey, encodeGrant, userCodeKey } from "./device-grant";
import { oauthCaller } from "./oauth-caller";
import { newUserCode, normalizedUserCode } from "./user-code";

/** The scopes a device login grants: the ID token's claims (`sub`, and the profile's). */
export const SCOPES_SUPPORTED = ["openid", "profile"] as const;
const DEFAULT_SCOPE = "openid";
/** A device code's record outlives the code, so a late poll hears `expired_token`. */
const KEEP_AFTER_EXPIRY_MS = 5 * 60 * 1000;
const USER_CODE_ATTEMPTS = 5;

export interface DeviceAuthorizationRequest {
  readonly clientId: string | undefined;
  readonly credentials: ClientCredentials;
  /** The QR code type (the `qr_type` extension); MOBILE_APP when absent. */
  readonly qrType?: QRCodeType;
  readonly scope?: string;
  readonly customData?: JsonObject;
  readonly context?: JsonObject;
  readonly extIdpConnId?: string;
  readonly request: RequestOrigin;
}

export interface DeviceAuthorization {
  readonly deviceCode: string;
  /** `XXXX-XXXX`. */
  readonly userCode: string;
  readonly verificationUri: string;
  /** The code's scan link: the company's app claims it, so opening it approves as a scan does. */
  readonly verificationUriComplete: string;
  /** The code's image, for a client that shows the QR itself (the WeChat types' only way). */
  readonly qrImageUri: string;
  readonly expiresIn: number;
  readonly interval: number;
}

/**
 * RFC 8628 §3.1–3.2 on the QR login sessions: a device authorization is a generated code (with
 * its limits, its image, its lifecycle) plus a device code for the client's polls and a user
 * code a person can type instead of scanning.
 */
export class DeviceAuthorizationService {
  constructor(
    private readonly qrcodes: Pick<QRCodeService, "generate">,
    private readonly applications: ApplicationDirectory,
    private readonly cache: SharedCache,
    private readonly options: {
      readonly publicUrl: string;
      readonly now: () => number;
      /** Seconds a client waits between polls (RFC 8628 §3.2's default is 5). */
      readonly intervalSeconds: number;
    },
  ) {}

  async authorize(request: DeviceAuthorizationRequest): Promise<DeviceAuthorization> {
    const caller = oauthCaller(
      this.applications,
      request.clientId,
      request.credentials,
      request.request,
    );
    const scope = checkedScope(request.scope);
    const generate: GenerateRequest = {
      type: request.qrType ?? "MOBILE_APP",
      customData: request.customData,
      context: request.context,
      extIdpConnId: request.extIdpConnId,
    };
    const code = await this.qrcodes.generate(caller, generate);
    const lifetimeMs = code.lifetimeSeconds * 1000;
    const deviceCode = randomBytes(32).toString("base64url");
    const now = this.options.now();
    const [userCode] = await Promise.all([
      this.claimUserCode(caller.app.appId, code.scanToken, lifetimeMs),
      this.cache.set(
        deviceGrantKey(deviceCode),
        encodeGrant({
          qrcodeId: code.qrcodeId,
          appId: caller.app.appId,
          scope,
          intervalSeconds: this.options.intervalSeconds,
          lastPolledAt: now,
          keepUntil: now + lifetimeMs + KEEP_AFTER_EXPIRY_MS,
        }),
        lifetimeMs + KEEP_AFTER_EXPIRY_MS,
      ),
    ]);
    return {
      deviceCode,
      userCode,
      verificationUri: `${this.options.publicUrl}/device`,
      verificationUriComplete: code.scanLink,
      qrImageUri: code.url,
      expiresIn: code.lifetimeSeconds,
      // 0 turns pacing off here; clients are still told RFC 8628's default.
      interval: this.options.intervalSeconds || 5,
    };
  }

  /** A user code no live code holds, pointing at this code (its application, its scan token). */
  private async claimUserCode(
    appId: string,
    scanToken: string,
    lifetimeMs: number,
  ): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const userCode = newUserCode();
      const held = await this.cache.putIfAbsent(
        userCodeKey(normalizedUserCode(userCode) ?? ""),
        `${appId} ${scanToken}`,
        lifetimeMs,
      );
      if (held === null) {
        return userCode;
      }
      if (attempt === USER_CODE_ATTEMPTS) {
        throw new AppError("INTERNAL_ERROR", "no free user code after several draws");
      }
    }
  }
}

function checkedScope(scope: string | undefined): string {
  const asked = (scope ?? DEFAULT_SCOPE).split(" ").filter(Boolean);
  const unknown = asked.find((name) => !(SCOPES_SUPPORTED as readonly string[]).includes(name));
  assertThat(
    unknown === undefined,
    "SCOPE_NOT_SUPPORTED",
    `scope ${unknown}: not granted here; scopes_supported: ${SCOPES_SUPPORTED.join(" ")}`,
    { field: "scope" },
  );
  return asked.length > 0 ? asked.join(" ") : DEFAULT_SCOPE;
}
