import { AppError } from "../errors/app-error";
import { type Caller } from "./caller";
import { type Clock } from "./clock";
import { CodeWatch, type WatchHost } from "./code-watch";
import { assertHandle } from "./handles";
import { type LoginMetrics, noLoginMetrics } from "./ports/login-metrics.port";
import { type PollLimiter } from "./ports/poll-limiter.port";
import { type ProcessRoom } from "./ports/process-room.port";
import { type SessionStore } from "./ports/session-store.port";
import { type StatusEvents } from "./ports/status-events.port";
import { type QRCodeSession } from "./qrcode.types";
import { type StatusView, statusView } from "./status-view";
import { type TicketService } from "./ticket.service";

export { type StatusView } from "./status-view";

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

/** The login page's side of a login: status by polling or by a live feed, by `qrcodeId` only. */
export class StatusService {
  /** What every live feed of this service asks of it: one object, not closures per feed. */
  private readonly watchHost: WatchHost = {
    store: this.store,
    clock: this.clock,
    present: (session) => this.present(session),
    released: (qrcodeId) => this.releaseWatcher(qrcodeId),
    expired: (session) => this.metrics.statusChanged(session, this.clock.now()),
  };
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
    private readonly metrics: LoginMetrics = noLoginMetrics,
  ) {}

  /** Live feeds open in this process: the login pages waiting here. */
  get feedsOpen(): number {
    return this.watching;
  }

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
    const watch = new CodeWatch(qrcodeId, this.watchHost);
    let current: QRCodeSession | null;
    try {
      // Subscribe before reading, so no change between the two is missed.
      watch.unsubscribe = await this.events.subscribe(qrcodeId, watch.deliver);
      current = await this.store.findById(qrcodeId);
    } catch (error) {
      void watch.return();
      throw error;
    }
    watch.start(current);
    return watch;
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
