import { AppError } from "../errors/app-error";
import { type Clock, systemClock } from "../qrcode/clock";
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
} from "../qrcode/ports/session-store.port";
import {
  type QRCodeSession,
  type QRCodeStatus,
  seenAt,
  type UserRecord,
} from "../qrcode/qrcode.types";
import { onceValueBytes, sessionBytes, userBytes } from "./memory-footprint";
import { type OnceRecord, onceState, takenRecord } from "./once-record";
import { StatusListeners } from "./status-listeners";
import { mergeCustomData, USER_RETENTION_MS } from "./user-records";

interface Expiring<T> {
  value: T;
  until: number;
  /** Estimated heap, counted against the byte bound (0 for the second index of a code). */
  bytes: number;
}

const SWEEP_INTERVAL_MS = 30_000;

/** A bound on the count as well as the bytes, for operators who think in codes. */
export const DEFAULT_MAX_CODES = 1_000_000;
/** The byte bound when none is given (tests); the service passes `MEMORY_MAX_BYTES`. */
const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

export interface MemorySessionStoreOptions {
  /** Codes held at once, live or kept after expiry; past it `create` refuses with STORE_FULL. */
  readonly maxCodes?: number;
  /** Estimated heap of everything held (memory-footprint.ts); past it, STORE_FULL too. Codes
   * are free to ask for, and their size is the caller's to choose: a count alone is no bound. */
  readonly maxBytes?: number;
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
  private readonly users = new Map<string, Expiring<UserRecord>>();
  private readonly listeners = new StatusListeners();
  private readonly sweeper: NodeJS.Timeout;
  private readonly maxCodes: number;
  private readonly maxBytes: number;
  private bytesHeld = 0;
  private lastFullSweepAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly clock: Clock = systemClock,
    { maxCodes = DEFAULT_MAX_CODES, maxBytes = DEFAULT_MAX_BYTES }: MemorySessionStoreOptions = {},
  ) {
    this.maxCodes = maxCodes;
    this.maxBytes = maxBytes;
    this.sweeper = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  async create(session: QRCodeSession, retainUntil: number): Promise<void> {
    const bytes = sessionBytes(session);
    if (this.sessions.size >= this.maxCodes || this.bytesHeld + bytes > this.maxBytes) {
      this.makeRoom(bytes);
    }
    const entry = { value: session, until: retainUntil, bytes };
    this.sessions.set(session.qrcodeId, entry);
    this.scanTokens.set(session.scanToken, entry);
    this.bytesHeld += bytes;
  }

  /** Estimated heap held now, for the bound's tests and for operators' metrics. */
  heldBytes(): number {
    return this.bytesHeld;
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
    const bytes = sessionBytes(session);
    this.bytesHeld += bytes - entry.bytes;
    entry.bytes = bytes;
    this.listeners.deliver(session);
    return { ok: true, session };
  }

  async putOnce(key: string, value: string, lifetime: OnceLifetime): Promise<void> {
    const now = this.clock.now();
    const rememberUntil = now + Math.max(lifetime.validForMs, lifetime.rememberForMs);
    // Never refused: a one-time value is a confirmed login's grant. It counts all the same,
    // so generation (which is refused) stops that much earlier.
    const bytes = onceValueBytes(key, value);
    this.forget(this.onceValues, key);
    this.onceValues.set(key, {
      value: { value, validUntil: now + lifetime.validForMs, rememberUntil },
      until: rememberUntil,
      bytes,
    });
    this.bytesHeld += bytes;
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
    const bytes = onceValueBytes(key, answer);
    this.bytesHeld += bytes - entry.bytes;
    entry.bytes = bytes;
    return { outcome: "taken" };
  }

  async saveUser(appId: string, update: UserUpdate): Promise<UserRecord> {
    const key = userKey(appId, update.id);
    const kept = this.live(this.users, key)?.value;
    const user: UserRecord = {
      id: update.id,
      displayName: update.displayName ?? kept?.displayName,
      photo: update.photo ?? kept?.photo,
      customData: mergeCustomData(kept?.customData, update.customData),
    };
    this.forget(this.users, key);
    const bytes = userBytes(key, user);
    this.users.set(key, { value: user, until: this.clock.now() + USER_RETENTION_MS, bytes });
    this.bytesHeld += bytes;
    return user;
  }

  async findUser(appId: string, userId: string): Promise<UserRecord | null> {
    return this.live(this.users, userKey(appId, userId))?.value ?? null;
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
      this.forget(map, key);
      return null;
    }
    return entry;
  }

  /** Removes an entry and gives its bytes back; a code's scan-token index holds none. */
  private forget<T>(map: Map<string, Expiring<T>>, key: string): void {
    const entry = map.get(key);
    if (entry) {
      map.delete(key);
      this.bytesHeld -= map === (this.scanTokens as Map<string, unknown>) ? 0 : entry.bytes;
    }
  }

  /**
   * Drops what has expired, at most once a second: under a flood every `create` finds the store
   * full, and a sweep walks every code.
   */
  private makeRoom(bytes: number): void {
    const now = this.clock.now();
    if (now - this.lastFullSweepAt >= 1000) {
      this.lastFullSweepAt = now;
      this.sweep();
    }
    if (this.sessions.size >= this.maxCodes || this.bytesHeld + bytes > this.maxBytes) {
      throw new AppError(
        "STORE_FULL",
        `this server holds as many codes as it may (${this.maxCodes} codes or ${Math.round(this.maxBytes / 1048576)} MiB); retry once some expire`,
      );
    }
  }

  private sweep(): void {
    const now = this.clock.now();
    for (const map of [this.sessions, this.scanTokens, this.onceValues, this.users] as Map<
      string,
      Expiring<unknown>
    >[]) {
      for (const [key, entry] of map) {
        if (entry.until <= now) {
          this.forget(map, key);
        }
      }
    }
  }
}

function userKey(appId: string, userId: string): string {
  return `${appId}\u0000${userId}`;
}
