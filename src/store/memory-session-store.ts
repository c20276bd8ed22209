import { AppError } from "../errors/app-error";
import { type Clock, systemClock } from "../qrcode/clock";
import {
  type QRCodeSession,
  type QRCodeStatus,
  seenAt,
  type UserRecord,
} from "../qrcode/qrcode.types";
import { type OnceRecord, onceState, takenRecord } from "./once-record";
import {
  type CompareAndSetResult,
  type OnceLifetime,
  type OnceState,
  type SessionStore,
  type SessionUpdate,
  type StatusListener,
  type TakeOnceResult,
  type Unsubscribe,
  type UserUpdate,
} from "./session-store.port";
import { StatusListeners } from "./status-listeners";

interface Expiring<T> {
  value: T;
  until: number;
}

const SWEEP_INTERVAL_MS = 30_000;

/**
 * About 600 bytes of heap a code: a million is 0.6 GB, well inside Node's default heap. Codes
 * are free to ask for, so without a bound a flood would grow the process until it died.
 */
export const DEFAULT_MAX_CODES = 1_000_000;

export interface MemorySessionStoreOptions {
  /** Codes held at once, live or kept after expiry; past it `create` refuses with STORE_FULL. */
  readonly maxCodes?: number;
}

/**
 * The embedded store of a single process. Expiry is decided by the injected clock on every
 * read; a periodic sweep only bounds memory. Single-threaded JavaScript makes each method's
 * check-then-write atomic, as long as no `await` sits between them.
 */
export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, Expiring<QRCodeSession>>();
  /** The same entries as `sessions`, by scan token: one object per code serves both lookups. */
  private readonly scanTokens = new Map<string, Expiring<QRCodeSession>>();
  private readonly onceValues = new Map<string, Expiring<OnceRecord>>();
  private readonly users = new Map<string, UserRecord>();
  private readonly listeners = new StatusListeners();
  private readonly sweeper: NodeJS.Timeout;
  private readonly maxCodes: number;
  private lastFullSweepAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly clock: Clock = systemClock,
    { maxCodes = DEFAULT_MAX_CODES }: MemorySessionStoreOptions = {},
  ) {
    this.maxCodes = maxCodes;
    this.sweeper = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  async create(session: QRCodeSession, retainUntil: number): Promise<void> {
    if (this.sessions.size >= this.maxCodes) {
      this.makeRoom();
    }
    const entry = { value: session, until: retainUntil };
    this.sessions.set(session.qrcodeId, entry);
    this.scanTokens.set(session.scanToken, entry);
  }

  async findById(qrcodeId: string): Promise<QRCodeSession | null> {
    const entry = this.live(this.sessions, qrcodeId);
    return entry && this.asSeenNow(entry.value);
  }

  async findByScanToken(scanToken: string): Promise<QRCodeSession | null> {
    const entry = this.live(this.scanTokens, scanToken);
    return entry && this.asSeenNow(entry.value);
  }

  async compareAndSetStatus(
    qrcodeId: string,
    expected: readonly QRCodeStatus[],
    update: SessionUpdate,
  ): Promise<CompareAndSetResult> {
    const entry = this.live(this.sessions, qrcodeId);
    const current = entry && this.asSeenNow(entry.value);
    if (!entry || !current || !expected.includes(current.status)) {
      return { ok: false, current };
    }
    const session: QRCodeSession = { ...current, ...update };
    entry.value = session;
    this.listeners.deliver(session);
    return { ok: true, session };
  }

  async putOnce(key: string, value: string, lifetime: OnceLifetime): Promise<void> {
    const now = this.clock.now();
    const rememberUntil = now + Math.max(lifetime.validForMs, lifetime.rememberForMs);
    this.onceValues.set(key, {
      value: { value, validUntil: now + lifetime.validForMs, rememberUntil },
      until: rememberUntil,
    });
  }

  async readOnce(key: string): Promise<OnceState> {
    return onceState(this.live(this.onceValues, key)?.value ?? null, this.clock.now());
  }

  async takeOnce(key: string, answer: string, replayForMs: number): Promise<TakeOnceResult> {
    const entry = this.live(this.onceValues, key);
    if (!entry) {
      return { outcome: "unknown" };
    }
    const now = this.clock.now();
    const state = onceState(entry.value, now);
    if (state.outcome !== "open") {
      return state;
    }
    entry.value = takenRecord(entry.value, answer, now, replayForMs);
    entry.until = entry.value.rememberUntil;
    return { outcome: "taken" };
  }

  async saveUser(appId: string, update: UserUpdate): Promise<UserRecord> {
    const key = userKey(appId, update.id);
    const kept = this.users.get(key);
    const user: UserRecord = {
      id: update.id,
      displayName: update.displayName ?? kept?.displayName,
      photo: update.photo ?? kept?.photo,
      customData: { ...kept?.customData, ...update.customData },
    };
    this.users.set(key, user);
    return user;
  }

  async findUser(appId: string, userId: string): Promise<UserRecord | null> {
    return this.users.get(userKey(appId, userId)) ?? null;
  }

  async subscribe(qrcodeId: string, listener: StatusListener): Promise<Unsubscribe> {
    return this.listeners.add(qrcodeId, listener);
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.listeners.clear();
  }

  private asSeenNow(session: QRCodeSession): QRCodeSession {
    return seenAt(session, this.clock.now());
  }

  private live<T>(map: Map<string, Expiring<T>>, key: string): Expiring<T> | null {
    const entry = map.get(key);
    if (!entry) {
      return null;
    }
    if (entry.until <= this.clock.now()) {
      map.delete(key);
      return null;
    }
    return entry;
  }

  /**
   * Drops what has expired, at most once a second: under a flood every `create` finds the store
   * full, and a sweep walks every code.
   */
  private makeRoom(): void {
    const now = this.clock.now();
    if (now - this.lastFullSweepAt >= 1000) {
      this.lastFullSweepAt = now;
      this.sweep();
    }
    if (this.sessions.size >= this.maxCodes) {
      throw new AppError(
        "STORE_FULL",
        `this server holds its limit of ${this.maxCodes} codes; retry once some expire`,
      );
    }
  }

  private sweep(): void {
    const now = this.clock.now();
    for (const map of [this.sessions, this.scanTokens, this.onceValues] as Map<
      string,
      Expiring<unknown>
    >[]) {
      for (const [key, entry] of map) {
        if (entry.until <= now) {
          map.delete(key);
        }
      }
    }
  }
}

function userKey(appId: string, userId: string): string {
  return `${appId}\u0000${userId}`;
}
