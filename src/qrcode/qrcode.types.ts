/** The three ways a person can scan a login code. */
export const QR_CODE_TYPES = [
  "MOBILE_APP",
  "WECHAT_MINIPROGRAM",
  "WECHAT_OFFICIAL_ACCOUNT",
] as const;
export type QRCodeType = (typeof QR_CODE_TYPES)[number];

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

/** One login attempt, from generation to expiry. Stored through the session store port. */
export interface QRCodeSession {
  /** The login page's private handle: follows the status, never printed in the code. */
  readonly qrcodeId: string;
  /** The handle printed in the code and the image URL: scanning only, never status. */
  readonly scanToken: string;
  readonly appId: string;
  readonly type: QRCodeType;
  readonly status: QRCodeStatus;
  /** The text encoded in the QR symbol. */
  readonly content: string;
  readonly connectionId?: string;
  readonly customData?: JsonObject;
  readonly context?: JsonObject;
  readonly autoMergeQrCode: boolean;
  readonly request: RequestOrigin;
  /** Epoch milliseconds. */
  readonly createdAt: number;
  /** Epoch milliseconds; an open code reads as EXPIRED from then on. */
  readonly expiresAt: number;
}

export const OPEN_STATUSES: readonly QRCodeStatus[] = ["PENDING", "SCANNED"];
