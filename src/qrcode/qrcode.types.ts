/** What a person scans a code with: the name of a channel (`channels/built-in-channels.ts`
 * lists this server's; the GraphQL enum and every other list are made from them). */
export type QRCodeType = string;

export const QR_CODE_STATUSES = [
  "PENDING",
  "SCANNED",
  "AUTHORIZED",
  "CANCELLED",
  "EXPIRED",
] as const;
export type QRCodeStatus = (typeof QR_CODE_STATUSES)[number];

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** What the login page's browser told us about itself; shown to the scanner (QRLJacking defence). */
export interface RequestOrigin {
  readonly origin?: string;
  readonly userAgent?: string;
  readonly ip?: string;
}

/** Who scanned the code, as the scanner's own credential says; shown to the login page. */
export interface ScannerIdentity {
  readonly userId: string;
  readonly displayName?: string;
  readonly photo?: string;
  /** The account behind `userId` at the identity source (WeChat's openid and unionid), handed
   * to the login hook under the provider's name. */
  readonly linked?: LinkedAccount;
}

export interface LinkedAccount {
  readonly provider: string;
  readonly ids: Readonly<Record<string, string>>;
}

/** One login attempt, from generation to expiry. Stored through the session store port. */
export interface QRCodeSession {
  /** The login page's private handle: follows the status, never printed in the code. */
  readonly qrcodeId: string;
  /** The handle printed in the code and the image URL: scanning only, never status. */
  readonly scanToken: string;
  readonly appId: string;
  readonly type: QRCodeType;
  readonly status: QRCodeStatus;
  /** The text encoded in the QR symbol, when the image is drawn here. */
  readonly content: string;
  /** Set when the image was made elsewhere (WeChat) and kept in the blob store: its type. */
  readonly storedImageType?: string;
  readonly connectionId?: string;
  readonly customData?: JsonObject;
  readonly context?: JsonObject;
  readonly autoMergeQrCode: boolean;
  readonly request: RequestOrigin;
  /** Set by the scan; the confirm and cancel calls must come from the same person. */
  readonly scanner?: ScannerIdentity;
  /** Set on AUTHORIZED: the one-time ticket the login page exchanges for tokens. */
  readonly ticket?: string;
  /** Set on CANCELLED when there is something to tell the page (e.g. the login hook's reason). */
  readonly cancelReason?: string;
  /** Set on CANCELLED: the person on the phone, or the application's rules (its login hook,
   * its cross-device policy), so the page does not blame the person for the application's no. */
  readonly cancelledBy?: CancelSource;
  /** Epoch milliseconds. */
  readonly createdAt: number;
  /** Epoch milliseconds; an open code reads as EXPIRED from then on. */
  readonly expiresAt: number;
}

export const CANCEL_SOURCES = ["SCANNER", "APPLICATION"] as const;
export type CancelSource = (typeof CANCEL_SOURCES)[number];

export const OPEN_STATUSES: readonly QRCodeStatus[] = ["PENDING", "SCANNED"];

export function isOpen(status: QRCodeStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** The session as it stands at `now`: an open one past its `expiresAt` is EXPIRED, whatever
 * was last written (expiry is a moment in time, not a write anyone makes). */
export function seenAt(session: QRCodeSession, now: number): QRCodeSession {
  return isOpen(session.status) && session.expiresAt <= now
    ? { ...session, status: "EXPIRED" }
    : session;
}

/** A user as this service keeps them per application: profile from the last login, and the
 * custom data that logins have merged in. */
export interface UserRecord {
  readonly id: string;
  readonly displayName?: string;
  readonly photo?: string;
  readonly customData: JsonObject;
}
