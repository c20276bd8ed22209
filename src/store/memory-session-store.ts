import { type Clock, systemClock } from "../qrcode/clock";
import { type QRCodeSession, type QRCodeStatus } from "../qrcode/qrcode.types";
import {
  type CompareAndSetResult,
  type SessionStore,
  type SessionUpdate,
  type StatusListener,
  type Unsubscribe,
} from "./session-store.port";

interface Expiring<T> {
  value: T;
  until: number;
}

const SWEEP_INTERVAL_MS = 30_000;

/**
 * The embedded store of a single process. Expiry is decided by the injected clock on every
 * read; a periodic sweep only bounds memory. Single-threaded JavaScript makes each method's
 * check-then-write atomic, as long as no `await` sits between them.
 */
export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, Expiring<QRCodeSession>>();
  private readonly scanTokens = new Map<string, Expiring<string>>();
  private readonly onceValues = new Map<string, Expiring<string>>();
  private readonly listeners = new Map<string, Set<StatusListener>>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly clock: Clock = systemClock) {
    this.sweeper = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  async create(session: QRCodeSession, retainUntil: number): Promise<void> {
    this.sessions.set(session.qrcodeId, { value: session, until: retainUntil });
    this.scanTokens.set(session.scanToken, { value: session.qrcodeId, until: retainUntil });
  }

  async findById(qrcodeId: string): Promise<QRCodeSession | null> {
    return this.live(this.sessions, qrcodeId);
  }

  async findByScanToken(scanToken: string): Promise<QRCodeSession | null> {
    const qrcodeId = this.live(this.scanTokens, scanToken);
    return qrcodeId === null ? null : this.live(this.sessions, qrcodeId);
  }

  async compareAndSetStatus(
    qrcodeId: string,
    expected: readonly QRCodeStatus[],
    update: SessionUpdate,
  ): Promise<CompareAndSetResult> {
    const entry = this.sessions.get(qrcodeId);
    const current = this.live(this.sessions, qrcodeId);
    if (!entry || !current || !expected.includes(current.status)) {
      return { ok: false, current };
    }
    const session: QRCodeSession = { ...current, ...update };
    entry.value = session;
    this.listeners.get(qrcodeId)?.forEach((listener) => listener(session));
    return { ok: true, session };
  }

  async putOnce(key: string, value: string, ttlMs: number): Promise<void> {
    this.onceValues.set(key, { value, until: this.clock.now() + ttlMs });
  }

  async takeOnce(key: string): Promise<string | null> {
    const value = this.live(this.onceValues, key);
    this.onceValues.delete(key);
    return value;
  }

  async subscribe(qrcodeId: string, listener: StatusListener): Promise<Unsubscribe> {
    let set = this.listeners.get(qrcodeId);
    if (!set) {
      set = new Set();
      this.listeners.set(qrcodeId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(qrcodeId) === set) {
        this.listeners.delete(qrcodeId);
      }
    };
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.listeners.clear();
  }

  private live<T>(map: Map<string, Expiring<T>>, key: string): T | null {
    const entry = map.get(key);
    if (!entry) {
      return null;
    }
    if (entry.until <= this.clock.now()) {
      map.delete(key);
      return null;
    }
    return entry.value;
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
