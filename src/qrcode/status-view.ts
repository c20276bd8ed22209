import { type CancelSource, type QRCodeSession, type QRCodeStatus } from "./qrcode.types";

/** What the login page sees: the scanner's public profile once scanned, the ticket once
 * authorized, and why it was cancelled when there is something to say. */
export interface StatusView {
  readonly qrcodeId: string;
  readonly status: QRCodeStatus;
  readonly expiresAt: Date;
  readonly briefUserInfo: {
    readonly displayName: string | null;
    readonly photo: string | null;
  } | null;
  readonly ticket: string | null;
  readonly cancelReason: string | null;
  readonly cancelledBy: CancelSource | null;
}

/** Statuses only move forward; an event older than what was already sent is dropped. */
export const PROGRESS: Record<QRCodeStatus, number> = {
  PENDING: 0,
  SCANNED: 1,
  AUTHORIZED: 2,
  CANCELLED: 2,
  EXPIRED: 2,
};

export function statusView(session: QRCodeSession): StatusView {
  const { scanner } = session;
  return {
    qrcodeId: session.qrcodeId,
    status: session.status,
    expiresAt: new Date(session.expiresAt),
    briefUserInfo: scanner
      ? { displayName: scanner.displayName ?? null, photo: scanner.photo ?? null }
      : null,
    ticket: session.status === "AUTHORIZED" ? (session.ticket ?? null) : null,
    cancelReason: session.status === "CANCELLED" ? (session.cancelReason ?? null) : null,
    cancelledBy: session.status === "CANCELLED" ? (session.cancelledBy ?? null) : null,
  };
}

/** What a page is told of a code that expired and is no longer stored. */
export function expiredView(qrcodeId: string, expiresAt: number): StatusView {
  return {
    qrcodeId,
    status: "EXPIRED",
    expiresAt: new Date(expiresAt),
    briefUserInfo: null,
    ticket: null,
    cancelReason: null,
    cancelledBy: null,
  };
}
