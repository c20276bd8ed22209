import { AppError } from "../errors/app-error";
import { type SessionStore, type Unsubscribe } from "../store/session-store.port";
import { type Clock } from "./clock";
import { assertHandle } from "./handles";
import { type PollLimiter } from "./poll-limiter.port";
import { PushIterator } from "./push-iterator";
import { type Caller } from "./qrcode.service";
import { isOpen, type QRCodeSession, type QRCodeStatus } from "./qrcode.types";

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
}

/** Statuses only move forward; an event older than what was already sent is dropped. */
const PROGRESS: Record<QRCodeStatus, number> = {
  PENDING: 0,
  SCANNED: 1,
  AUTHORIZED: 2,
  CANCELLED: 2,
  EXPIRED: 2,
};

/** The login page's side of a login: status by polling or by a live feed, by `qrcodeId` only. */
export class StatusService {
  constructor(
    private readonly store: SessionStore,
    private readonly clock: Clock,
    private readonly pollLimiter: PollLimiter,
  ) {}

  /** One poll, paced by the application's `pollIntervalMs`. */
  async poll(caller: Caller, qrcodeId: string): Promise<StatusView> {
    const session = await this.owned(caller, qrcodeId);
    const retryAfterMs = await this.pollLimiter.tryPoll(qrcodeId, caller.app.pollIntervalMs);
    if (retryAfterMs > 0) {
      throw new AppError(
        "POLLING_TOO_FAST",
        `poll this code at most every ${caller.app.pollIntervalMs} ms; retry in ${retryAfterMs} ms`,
        { retryAfterMs },
      );
    }
    return statusView(session);
  }

  /** The status without pacing, for entity references resolved by a federated gateway. */
  async lookup(caller: Caller, qrcodeId: string): Promise<StatusView> {
    return statusView(await this.owned(caller, qrcodeId));
  }

  /**
   * The current status, then every change, ending after a final status. EXPIRED comes from a
   * timer at `expiresAt`: expiry is a moment in time, not a write anyone makes.
   */
  async watch(caller: Caller, qrcodeId: string): Promise<AsyncIterableIterator<StatusView>> {
    await this.owned(caller, qrcodeId);
    let unsubscribe: Unsubscribe = () => undefined;
    let expiryTimer: NodeJS.Timeout | undefined;
    let sent: QRCodeStatus | undefined;
    let latest: QRCodeSession | undefined;
    const feed = new PushIterator<StatusView>(() => {
      unsubscribe();
      clearTimeout(expiryTimer);
    });
    const deliver = (session: QRCodeSession): void => {
      if (sent !== undefined && PROGRESS[session.status] <= PROGRESS[sent]) {
        return;
      }
      sent = session.status;
      latest = session;
      feed.push(statusView(session));
      if (!isOpen(session.status)) {
        feed.finish();
      }
    };

    // Subscribe before reading, so no change between the two is missed.
    unsubscribe = await this.store.subscribe(qrcodeId, deliver);
    const current = await this.store.findById(qrcodeId);
    if (!current) {
      feed.finish();
      return feed;
    }
    deliver(current);
    if (isOpen(current.status)) {
      expiryTimer = setTimeout(
        () => deliver({ ...(latest ?? current), status: "EXPIRED" }),
        Math.max(0, current.expiresAt - this.clock.now()),
      );
      expiryTimer.unref();
    }
    return feed;
  }

  /** A code of another application is reported as unknown: its existence is not theirs to see. */
  private async owned(caller: Caller, qrcodeId: string): Promise<QRCodeSession> {
    assertHandle("qrcodeId", qrcodeId);
    const session = await this.store.findById(qrcodeId);
    if (!session || session.appId !== caller.app.appId) {
      throw new AppError("QRCODE_NOT_FOUND", "no live QR code of this application has this id", {
        field: "qrcodeId",
      });
    }
    return session;
  }
}

function statusView(session: QRCodeSession): StatusView {
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
  };
}
