import { type Clock } from "./clock";
import { type SessionStore } from "./ports/session-store.port";
import { type Unsubscribe } from "./ports/status-events.port";
import { PushIterator } from "./push-iterator";
import { isOpen, type QRCodeSession, type QRCodeStatus } from "./qrcode.types";
import { expiredView, PROGRESS, type StatusView, statusView } from "./status-view";

/** What a feed needs of the service that opened it (one object for all its feeds). */
export interface WatchHost {
  readonly store: Pick<SessionStore, "findById">;
  readonly clock: Clock;
  /** The view, with the ticket only while it can still be exchanged. */
  present(session: QRCodeSession): Promise<StatusView>;
  released(qrcodeId: string): void;
  /** The code was found expired at its `expiresAt` (counted, once per feed that saw it). */
  expired(session: QRCodeSession): void;
}

/** When the store cannot be read at `expiresAt`, ask again this much later rather than guess. */
const EXPIRY_RECHECK_MS = 1000;

const nothing: Unsubscribe = () => undefined;

/**
 * One page's live feed of one code: the current status, then every change, ending after a
 * final status. At `expiresAt` the store is asked again before EXPIRED is sent: an event may be
 * late (pub/sub latency, or this replica briefly cut from Redis), and a login authorized in
 * time must not read as expired. A class, not closures: tens of thousands wait at once, and
 * each closure and its context is memory a waiting page holds.
 */
export class CodeWatch extends PushIterator<StatusView> {
  /** Set by the opener once the store has taken the listener. */
  unsubscribe: Unsubscribe = nothing;
  private sent: QRCodeStatus | undefined;
  /** When the code was due to expire, as first read: what an EXPIRED view says if the
   * session is gone by then (the session itself is not kept: every waiting page would). */
  private expiresAt = 0;
  private expiryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly qrcodeId: string,
    private readonly host: WatchHost,
  ) {
    super();
  }

  /** The store's listener of this code's changes. */
  readonly deliver = (session: QRCodeSession): void => {
    if (this.sent !== undefined && PROGRESS[session.status] <= PROGRESS[this.sent]) {
      return;
    }
    this.sent = session.status;
    if (session.status !== "AUTHORIZED") {
      this.push(statusView(session));
      if (!isOpen(session.status)) {
        this.finish();
      }
      return;
    }
    // A feed opened after the page spent the ticket must not show it; if the ticket cannot
    // be checked (the store is failing), the page keeps its way to finish the login.
    void this.host
      .present(session)
      .then(
        (view) => this.push(view),
        () => this.push(statusView(session)),
      )
      .finally(() => this.finish());
  };

  /** Sends the status read after subscribing, and watches the clock for the code's expiry. */
  start(current: QRCodeSession | null): void {
    if (!current) {
      this.finish();
      return;
    }
    this.expiresAt = current.expiresAt;
    this.deliver(current);
    if (isOpen(current.status)) {
      this.checkAt(current.expiresAt);
    }
  }

  protected override onEnd(): void {
    this.unsubscribe();
    clearTimeout(this.expiryTimer);
    this.host.released(this.qrcodeId);
  }

  private checkAt(expiresAt: number): void {
    const delay = Math.max(0, expiresAt - this.host.clock.now());
    this.expiryTimer = setTimeout(CodeWatch.recheckSoon, delay, this);
    this.expiryTimer.unref();
  }

  /** The timer's callback: one function for every feed, given its feed. */
  private static recheckSoon(watch: CodeWatch): void {
    void watch.recheck();
  }

  private async recheck(): Promise<void> {
    const { store, clock } = this.host;
    try {
      const stored = await store.findById(this.qrcodeId);
      if (stored && isOpen(stored.status)) {
        this.checkAt(Math.max(stored.expiresAt, clock.now() + 10));
        return;
      }
      if (stored) {
        if (stored.status === "EXPIRED") {
          this.host.expired(stored);
        }
        this.deliver(stored);
      } else {
        this.sent = "EXPIRED";
        this.push(expiredView(this.qrcodeId, this.expiresAt));
        this.finish();
      }
    } catch {
      this.checkAt(clock.now() + EXPIRY_RECHECK_MS);
    }
  }
}
