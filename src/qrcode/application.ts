import { type QRCodeType } from "./qrcode.types";

/** An identity-source connection (`extIdpConnId`) of an application. */
export interface Connection {
  readonly id: string;
  readonly type: QRCodeType;
  readonly enabled: boolean;
  readonly logoUrl?: string;
  /** What its type needs besides (a WeChat app, how its codes are made): validated at start
   * by the type's channel module, read only by that channel (`settingsOf` in its folder). */
  readonly settings: ConnectionSettings;
}

export type ConnectionSettings = Readonly<Record<string, unknown>>;

/** How the scanner's bearer tokens (issued by the company's own app back end) are checked. */
export type AppTokenKey =
  | { readonly kind: "secret"; readonly secret: string }
  | { readonly kind: "publicKey"; readonly pem: string }
  | { readonly kind: "jwks"; readonly url: string };

export interface AppTokenPolicy {
  readonly issuer: string;
  readonly audience: string;
  readonly key: AppTokenKey;
}

/** The application's login hook: asked before a login is authorized. */
export interface LoginHookConfig {
  readonly url: string;
  /** Signs each call with HMAC-SHA256, so the hook can tell it comes from this service. */
  readonly secret: string;
  readonly timeoutMs: number;
}

/** A tenant: the login page that names itself with `x-app-id`. */
export interface Application {
  readonly appId: string;
  readonly name: string;
  /** Origins allowed to call as this application; `*` allows any. */
  readonly allowedOrigins: readonly string[];
  readonly qrCodeLifetimeSeconds: number;
  /** Template of the QR content; `{scanToken}` and `{PUBLIC_URL}` are filled in. */
  readonly scanUrlTemplate: string;
  readonly connections: readonly Connection[];
  /** How MOBILE_APP scanners prove who they are; without it such codes cannot be scanned. */
  readonly appTokens?: AppTokenPolicy;
  readonly ticketLifetimeSeconds: number;
  /** The fastest a login page may poll the status of one code. */
  readonly pollIntervalMs: number;
  readonly tokenLifetimeSeconds: number;
  /** Set for a confidential application: tickets are exchanged only with this secret. */
  readonly clientSecret?: string;
  readonly loginHook?: LoginHookConfig;
  /** RFC 10027's cross-device rules for approving a login; none when absent. */
  readonly crossDevice?: CrossDevicePolicy;
  /** How many codes one client address may generate per window; unlimited when absent. */
  readonly generateLimit?: GenerateLimit;
}

export interface CrossDevicePolicy {
  /** Refuse an approval from a phone on another network than the page's (when it can be told). */
  readonly requireSameNetwork: boolean;
  /** Refuse an approval of a code older than this. */
  readonly maxCodeAgeSeconds?: number;
}

export interface GenerateLimit {
  readonly perClientIp: number;
  readonly windowSeconds: number;
}

export const DEFAULT_QR_CODE_LIFETIME_SECONDS = 120;
export const DEFAULT_SCAN_URL_TEMPLATE = "{PUBLIC_URL}/scan/{scanToken}";
export const DEFAULT_TICKET_LIFETIME_SECONDS = 60;
export const DEFAULT_POLL_INTERVAL_MS = 500;
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;
export const DEFAULT_LOGIN_HOOK_TIMEOUT_MS = 3000;
