import { AppError } from "../errors/app-error";
import { type Caller } from "./caller";
import { type Clock } from "./clock";
import { assertHandle } from "./handles";
import { type PollLimiter } from "./ports/poll-limiter.port";
import { type ProcessRoom } from "./ports/process-room.port";
import { type SessionStore } from "./ports/session-store.port";
import { type StatusEvents, type Unsubscribe } from "./ports/status-events.port";
import { PushIterator } from "./push-iterator";
import { isOpen, type QRCodeSession, type QRCodeStatus } from "./qrcode.types";
import { type TicketService } from "./ticket.service";

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

/** What bounds the live feeds of this process. */
export interface WatchBounds {
  /** Feeds of one code (a login page open in a few tabs): `MAX_SUBSCRIPTIONS_PER_CODE`. */
  readonly perCode: number;
  /** Feeds in all: `WS_MAX_SUBSCRIPTIONS`, by default sized from the memory budget. */
  readonly inAll: number;
  /** The memory budget each feed counts in. */
  readonly room: ProcessRoom;
}

/** A live feed's heap besides its socket: graphql-ws's entry, the iterator, the listener,
 * the expiry timer (measured with 10,000 idle subscriptions, docs/configuration.md, "Limits"). */
export const WATCHER_BYTES = 4 * 1024;

/** When the store cannot be read at `expiresAt`, ask again this much later rather than guess. */
const EXPIRY_RECHECK_MS = 1000;

/** The login page's side of a login: status by polling or by a live feed, by `qrcodeId` only. */
export class StatusService {
  /** Live feeds per code in this process: each holds memory until the code ends. */
  private readonly watchers = new Map<string, number>();
  private watching = 0;

  constructor(
    private readonly store: SessionStore,
    private readonly events: StatusEvents,
    private readonly clock: Clock,
    private readonly pollLimiter: PollLimiter,
    private readonly tickets: Pick<TicketService, "isOpen">,
    private readonly bounds: WatchBounds,
  ) {}

  /** One poll, paced by the application's `pollIntervalMs`. */
  async poll(caller: Caller, qrcodeId: string): Promise<StatusView> {
    const session = await this.owned(caller, qrcodeId);
    await this.pace(caller, qrcodeId);
    return this.present(session);
  }

  /** The status for an entity reference: paced like a poll, unless a trusted gateway asks
   * (it resolves references on behalf of many pages and paces nothing itself). */
  async lookup(
    caller: Caller,
    qrcodeId: string,
    { paced }: { paced: boolean },
  ): Promise<StatusView> {
    const session = await this.owned(caller, qrcodeId);
    if (paced) {
      await this.pace(caller, qrcodeId);
    }
    return this.present(session);
  }

  /** The status view, with the ticket only while it can still be exchanged. */
  private async present(session: QRCodeSession): Promise<StatusView> {
    const view = statusView(session);
    if (view.ticket === null || (await this.tickets.isOpen(session.appId, view.ticket))) {
      return view;
    }
    return { ...view, ticket: null };
  }

  private async pace(caller: Caller, qrcodeId: string): Promise<void> {
    const retryAfterMs = await this.pollLimiter.tryPoll(qrcodeId, caller.app.pollIntervalMs);
    if (retryAfterMs > 0) {
      throw new AppError(
        "POLLING_TOO_FAST",
        `poll this code at most every ${caller.app.pollIntervalMs} ms; retry in ${retryAfterMs} ms`,
        { retryAfterMs },
      );
    }
  }

  /**
   * The current status, then every change, ending after a final status. At `expiresAt` the
   * store is asked again before EXPIRED is sent: an event may be late (pub/sub latency, or this
   * replica briefly cut from Redis), and a login authorized in time must not read as expired.
   */
  async watch(caller: Caller, qrcodeId: string): Promise<AsyncIterableIterator<StatusView>> {
    await this.owned(caller, qrcodeId);
    this.claimWatcher(qrcodeId);
    let unsubscribe: Unsubscribe = () => undefined;
    let expiryTimer: NodeJS.Timeout | undefined;
    let sent: QRCodeStatus | undefined;
    const feed = new PushIterator<StatusView>(() => {
      unsubscribe();
      clearTimeout(expiryTimer);
      this.releaseWatcher(qrcodeId);
    });
    const deliver = (session: QRCodeSession): void => {
      if (sent !== undefined && PROGRESS[session.status] <= PROGRESS[sent]) {
        return;
      }
      sent = session.status;
      if (session.status !== "AUTHORIZED") {
        feed.push(statusView(session));
        if (!isOpen(session.status)) {
          feed.finish();
        }
        return;
      }
      // A feed opened after the page spent the ticket must not show it; if the ticket cannot
      // be checked (the store is failing), the page keeps its way to finish the login.
      void this.present(session)
        .then(
          (view) => feed.push(view),
          () => feed.push(statusView(session)),
        )
        .finally(() => feed.finish());
    };
    const checkAt = (expiresAt: number) => {
      expiryTimer = setTimeout(() => void recheck(), Math.max(0, expiresAt - this.clock.now()));
      expiryTimer.unref();
    };
    const recheck = async () => {
      try {
        const stored = await this.store.findById(qrcodeId);
        if (stored && isOpen(stored.status)) {
          checkAt(Math.max(stored.expiresAt, this.clock.now() + 10));
          return;
        }
        deliver(stored ?? { ...(current as QRCodeSession), status: "EXPIRED" });
      } catch {
        checkAt(this.clock.now() + EXPIRY_RECHECK_MS);
      }
    };

    let current: QRCodeSession | null;
    try {
      // Subscribe before reading, so no change between the two is missed.
      unsubscribe = await this.events.subscribe(qrcodeId, deliver);
      current = await this.store.findById(qrcodeId);
    } catch (error) {
      void feed.return();
      throw error;
    }
    if (!current) {
      feed.finish();
      return feed;
    }
    deliver(current);
    if (isOpen(current.status)) {
      checkAt(current.expiresAt);
    }
    return feed;
  }

  private claimWatcher(qrcodeId: string): void {
    const { perCode, inAll, room } = this.bounds;
    const count = this.watchers.get(qrcodeId) ?? 0;
    if (count >= perCode) {
      throw new AppError(
        "SUBSCRIPTIONS_PER_CODE_EXCEEDED",
        `this code already has ${perCode} live subscriptions on this server`,
        { field: "qrcodeId", limit: perCode },
      );
    }
    if (this.watching >= inAll || !room.tryTake(WATCHER_BYTES)) {
      throw new AppError(
        "SUBSCRIPTIONS_EXHAUSTED",
        `this server holds as many subscriptions as it may (${inAll}, or its memory budget); subscribe again to reach another replica, or poll`,
        { limit: inAll },
      );
    }
    this.watching += 1;
    this.watchers.set(qrcodeId, count + 1);
  }

  private releaseWatcher(qrcodeId: string): void {
    this.watching -= 1;
    this.bounds.room.give(WATCHER_BYTES);
    const count = (this.watchers.get(qrcodeId) ?? 1) - 1;
    if (count > 0) {
      this.watchers.set(qrcodeId, count);
    } else {
      this.watchers.delete(qrcodeId);
    }
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
