import { type Application } from "./application";
import { type QRCodeSession, type QRCodeStatus } from "./qrcode.types";
import { readableAgent } from "./readable-agent";
import { sameNetwork } from "./same-network";

/**
 * What the scanner is approving, so a person can refuse a login that is not theirs (QRLJacking,
 * RFC 10027's cross-device consent phishing): the application, where and when the login was
 * started, in what browser on what system, and whether the phone is on the same network.
 */
export interface ScanView {
  readonly status: QRCodeStatus;
  readonly applicationName: string;
  readonly requestOrigin: string | null;
  readonly requestUserAgent: string | null;
  /** The browser as a person reads it ("Chrome 131"). */
  readonly requestBrowser: string | null;
  /** The system as a person reads it ("macOS 14.5"). */
  readonly requestOs: string | null;
  readonly requestIp: string | null;
  readonly requestedAt: Date;
  /** How long ago the code was made, by the service's clock (a phone's may be off). */
  readonly codeAgeSeconds: number;
  /** The page and the phone on the same IPv4 /24 or IPv6 /48; null when it cannot be told. */
  readonly sameNetwork: boolean | null;
  readonly expiresAt: Date;
}

export function scanView(
  session: QRCodeSession,
  app: Application,
  phoneIp: string | undefined,
  now: number,
): ScanView {
  const agent = readableAgent(session.request.userAgent);
  return {
    status: session.status,
    applicationName: app.name,
    requestOrigin: session.request.origin ?? null,
    requestUserAgent: session.request.userAgent ?? null,
    requestBrowser: agent.browser,
    requestOs: agent.os,
    requestIp: session.request.ip ?? null,
    requestedAt: new Date(session.createdAt),
    codeAgeSeconds: Math.max(0, Math.floor((now - session.createdAt) / 1000)),
    sameNetwork: sameNetwork(session.request.ip, phoneIp),
    expiresAt: new Date(session.expiresAt),
  };
}
