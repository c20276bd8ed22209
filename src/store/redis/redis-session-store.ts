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
import {
  OPEN_STATUSES,
  type QRCodeSession,
  type QRCodeStatus,
  seenAt,
} from "../../qrcode/qrcode.types";
import { StatusListeners } from "../status-listeners";
import { pairsToRecord, type RedisConnection } from "./redis-connection";

/**
 * Sessions shared by every replica, and their status events. A session is a hash (the
 * creation-time session as JSON, plus `status` and one field per later update), so a status
 * change is a small atomic write; changes travel on one pub/sub channel to every replica.
 */
export class RedisSessionStore implements SessionStore, StatusEvents {
  private readonly listeners = new StatusListeners();
  private readonly channel: string;

  private constructor(
    private readonly connection: RedisConnection,
    private readonly clock: Clock,
  ) {
    this.channel = connection.key("events");
  }

  /** Subscribes to status events before it resolves (when Redis is reachable at all). */
  static async attach(connection: RedisConnection, clock: Clock): Promise<RedisSessionStore> {
    const store = new RedisSessionStore(connection, clock);
    await store.listen();
    return store;
  }

  /** Redis's `maxmemory` is the operator's bound: nothing to hold here. */
  async holdRoom(): Promise<ReleaseRoom> {
    return () => undefined;
  }

  async create(session: QRCodeSession, retainUntil: number): Promise<void> {
    const { status, ...base } = session;
    const ttlMs = Math.max(1, retainUntil - this.clock.now());
    const sessionKey = this.sessionKey(session.qrcodeId);
    // A pipeline, not MULTI/EXEC: the keys are new and random, so nothing that matters can
    // interleave, and a transaction would add two commands for Redis to run on every login.
    await this.connection.pipelined((pipeline) =>
      pipeline
        .hset(sessionKey, {
          base: JSON.stringify(base),
          status,
          expiresAt: String(session.expiresAt),
          retainUntil: String(retainUntil),
        })
        .pexpire(sessionKey, ttlMs)
        .set(this.scanKey(session.scanToken), session.qrcodeId, "PX", ttlMs),
    );
  }

  async findById(qrcodeId: string): Promise<QRCodeSession | null> {
    const { redis } = this.connection;
    const fields = await this.connection.guard(() => redis.hgetall(this.sessionKey(qrcodeId)));
    return this.present(fields);
  }

  async findByScanToken(scanToken: string): Promise<QRCodeSession | null> {
    const { redis } = this.connection;
    const fields = await this.connection.guard(() =>
      redis.findByScanToken(this.scanKey(scanToken), this.sessionKey("")),
    );
    return fields ? this.present(pairsToRecord(fields)) : null;
  }

  async compareAndSetStatus(
    qrcodeId: string,
    expected: readonly QRCodeStatus[],
    update: SessionUpdate,
  ): Promise<CompareAndSetResult> {
    const { status, ...changes } = update;
    const pairs = Object.entries(changes)
      .filter(([, value]) => value !== undefined)
      .flatMap(([field, value]) => [`u:${field}`, JSON.stringify(value)]);
    const { redis } = this.connection;
    const [applied, fields] = await this.connection.guard(() =>
      redis.compareAndSetStatus(
        this.sessionKey(qrcodeId),
        this.channel,
        String(this.clock.now()),
        expected.join(","),
        status,
        OPEN_STATUSES.join(","),
        ...pairs,
      ),
    );
    const session = fields ? this.present(pairsToRecord(fields)) : null;
    return applied === 1 && session ? { ok: true, session } : { ok: false, current: session };
  }

  async subscribe(qrcodeId: string, listener: StatusListener): Promise<Unsubscribe> {
    return this.listeners.add(qrcodeId, listener);
  }

  close(): void {
    this.listeners.clear();
  }

  private async listen(): Promise<void> {
    const { redis, subscriber, connectedAtStart } = this.connection;
    subscriber.on("message", (channel: string, message: string) => {
      if (channel === this.channel) {
        const session = fromHash(pairsToRecord(JSON.parse(message) as string[]));
        if (session) {
          this.listeners.deliver(session);
        }
      }
    });
    // Queued by the subscriber connection until it connects; ioredis re-subscribes after drops.
    const subscribed = subscriber.subscribe(this.channel);
    if (connectedAtStart) {
      await subscribed;
    } else {
      subscribed.catch(() => undefined);
    }
    // Once the event connection has dropped, re-read when both connections are back (the
    // re-read runs on the command connection, which may return later than the other).
    let missedEvents = !connectedAtStart;
    subscriber.on("close", () => (missedEvents = true));
    const resyncWhenReady = () => {
      if (missedEvents && redis.status === "ready" && subscriber.status === "ready") {
        missedEvents = false;
        void this.resync();
      }
    };
    subscriber.on("ready", resyncWhenReady);
    redis.on("ready", resyncWhenReady);
  }

  /** After the event connection comes back, re-read every watched code: a change made while
   * it was away was published to nobody, and must not be missed. */
  private async resync(): Promise<void> {
    for (const qrcodeId of this.listeners.watched()) {
      const session = await this.findById(qrcodeId).catch(() => null);
      if (session) {
        this.listeners.deliver(session);
      }
    }
  }

  /** A stored session as the clock sees it now: gone after its retention, EXPIRED when an open
   * one has passed `expiresAt` (Redis TTLs only reclaim the memory). */
  private present(fields: Record<string, string>): QRCodeSession | null {
    const session = fromHash(fields);
    const now = this.clock.now();
    if (!session || Number(fields.retainUntil) <= now) {
      return null;
    }
    return seenAt(session, now);
  }

  private sessionKey(qrcodeId: string): string {
    return this.connection.key(`s:${qrcodeId}`);
  }

  private scanKey(scanToken: string): string {
    return this.connection.key(`t:${scanToken}`);
  }
}

function fromHash(fields: Record<string, string>): QRCodeSession | null {
  if (!fields.base || !fields.status) {
    return null;
  }
  const session = JSON.parse(fields.base) as Record<string, unknown>;
  for (const [field, value] of Object.entries(fields)) {
    if (field.startsWith("u:")) {
      session[field.slice(2)] = JSON.parse(value) as unknown;
    }
  }
  session.status = fields.status;
  return session as unknown as QRCodeSession;
}
