import { DEFAULT_MAX_CODES } from "../../config/limits";
import { type Clock } from "../../qrcode/clock";
import {
  type CompareAndSetResult,
  type ReleaseRoom,
  type SessionStore,
  type SessionUpdate,
} from "../../qrcode/ports/session-store.port";
import {
  type StatusEvents,
  type StatusListener,
  type Unsubscribe,
} from "../../qrcode/ports/status-events.port";
import { type QRCodeSession, type QRCodeStatus, seenAt } from "../../qrcode/qrcode.types";
import { StatusListeners } from "../status-listeners";
import { type StoreMetrics } from "../store-metrics";
import { ExpiringMap } from "./expiring-map";
import { type MemoryBudget } from "./memory-budget";
import { sessionBytes } from "./memory-footprint";

/**
 * Sessions of a single process, and their status events (a change made here is the only
 * change there is). Single-threaded JavaScript makes each method's check-then-write atomic, as
 * long as no `await` sits between them.
 */
export class MemorySessionStore implements SessionStore, StatusEvents {
  private readonly sessions: ExpiringMap<QRCodeSession>;
  /** The same entries as `sessions`, by scan token: one object per code serves both lookups. */
  private readonly scanTokens: ExpiringMap<QRCodeSession>;
  private readonly listeners = new StatusListeners();

  constructor(
    private readonly clock: Clock,
    private readonly budget: MemoryBudget,
    private readonly maxCodes: number = DEFAULT_MAX_CODES,
    private readonly metrics?: StoreMetrics,
  ) {
    this.sessions = new ExpiringMap(clock, budget);
    this.scanTokens = new ExpiringMap(clock, null);
    budget.track(this.scanTokens);
  }

  async holdRoom(appId: string, bytes: number): Promise<ReleaseRoom> {
    this.reserve(appId, bytes);
    this.budget.add(bytes, appId);
    let held = true;
    return () => {
      if (held) {
        held = false;
        this.budget.add(-bytes, appId);
      }
    };
  }

  async create(session: QRCodeSession, retainUntil: number): Promise<void> {
    const bytes = sessionBytes(session);
    this.reserve(session.appId, bytes);
    const entry = { value: session, until: retainUntil, bytes, owner: session.appId };
    this.sessions.set(session.qrcodeId, entry);
    this.scanTokens.set(session.scanToken, entry);
  }

  private reserve(appId: string, bytes: number): void {
    this.budget.reserve(
      bytes,
      () => this.sessions.size >= this.maxCodes,
      `${this.maxCodes} codes`,
      appId,
    );
  }

  async findById(qrcodeId: string): Promise<QRCodeSession | null> {
    const entry = this.sessions.live(qrcodeId);
    return entry && seenAt(entry.value, this.clock.now());
  }

  async findByScanToken(scanToken: string): Promise<QRCodeSession | null> {
    const entry = this.scanTokens.live(scanToken);
    return entry && seenAt(entry.value, this.clock.now());
  }

  async compareAndSetStatus(
    qrcodeId: string,
    expected: readonly QRCodeStatus[],
    update: SessionUpdate,
  ): Promise<CompareAndSetResult> {
    const entry = this.sessions.live(qrcodeId);
    const current = entry && seenAt(entry.value, this.clock.now());
    if (!entry || !current || !expected.includes(current.status)) {
      return { ok: false, current };
    }
    const session: QRCodeSession = { ...current, ...update };
    this.sessions.update(entry, session, sessionBytes(session));
    if (this.listeners.watches(qrcodeId)) {
      this.metrics?.statusEventReceived();
    }
    this.listeners.deliver(session);
    return { ok: true, session };
  }

  async subscribe(qrcodeId: string, listener: StatusListener): Promise<Unsubscribe> {
    return this.listeners.add(qrcodeId, listener);
  }

  close(): void {
    this.listeners.clear();
  }
}
