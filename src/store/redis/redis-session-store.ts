import { type Clock } from "../../qrcode/clock";
import { codeTag } from "../../qrcode/ids";
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
import { CodeChannels } from "./code-channels";
import { pairsToRecord, type RedisConnection } from "./redis-connection";

/**
 * Sessions shared by every replica, and their status events. A session is a hash (the
 * creation-time session as JSON, plus `status` and one field per later update), so a status
 * change is a small atomic write. Everything of one code is under its tag (`codeTag`, shared
 * by both handles), in one Redis Cluster slot: the hash, found from either handle in one read,
 * and the code's shard channel, on which each change is published to the replicas whose pages
 * watch that code, and to no other.
 */
export class RedisSessionStore implements SessionStore, StatusEvents {
  private readonly listeners = new StatusListeners();
  private readonly channels: CodeChannels;
  /** Every code channel name ends so: how a message is known for this store's. */
  private readonly channelSuffix = "}:events";

  private constructor(
    private readonly connection: RedisConnection,
    private readonly clock: Clock,
  ) {
    this.channels = new CodeChannels(connection);
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
    // A pipeline, not MULTI/EXEC: the key is new and random, so nothing that matters can
    // interleave, and a transaction would add two commands for Redis to run on every login.
    await this.connection.pipelined((pipeline) =>
      pipeline
        .hset(sessionKey, {
          base: JSON.stringify(base),
          id: session.qrcodeId,
          scanToken: session.scanToken,
          status,
          expiresAt: String(session.expiresAt),
          retainUntil: String(retainUntil),
        })
        .pexpire(sessionKey, ttlMs),
    );
  }

  async findById(qrcodeId: string): Promise<QRCodeSession | null> {
    const fields = await this.read(qrcodeId);
    return fields.id === qrcodeId ? this.present(fields) : null;
  }

  async findByScanToken(scanToken: string): Promise<QRCodeSession | null> {
    const fields = await this.read(scanToken);
    return fields.scanToken === scanToken ? this.present(fields) : null;
  }

  /** The code kept under the handle's tag: the caller checks that the handle is its own. */
  private async read(handle: string): Promise<Record<string, string>> {
    const { redis } = this.connection;
    return this.connection.guard(() => redis.hgetall(this.sessionKey(handle)));
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
        this.channelOf(qrcodeId),
        qrcodeId,
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
    const channel = this.channelOf(qrcodeId);
    const removeListener = this.listeners.add(qrcodeId, listener);
    const leaveIfUnwatched = () => {
      if (!this.listeners.watches(qrcodeId)) {
        this.channels.leave(channel);
      }
    };
    try {
      await this.channels.join(channel);
    } catch (error) {
      removeListener();
      leaveIfUnwatched();
      throw error;
    }
    return () => {
      removeListener();
      leaveIfUnwatched();
    };
  }

  /** Code channels this replica listens on now. */
  get channelsJoined(): number {
    return this.channels.size;
  }

  close(): void {
    this.listeners.clear();
  }

  private async listen(): Promise<void> {
    const { redis, subscriber, connectedAtStart } = this.connection;
    subscriber.on("smessage", (channel: string, message: string) => {
      if (channel.startsWith(this.connection.key("{")) && channel.endsWith(this.channelSuffix)) {
        this.connection.options.metrics?.statusEventReceived();
        const session = fromHash(pairsToRecord(JSON.parse(message) as string[]));
        if (session) {
          this.listeners.deliver(session);
        }
      }
    });
    // ioredis re-subscribes the code channels after a drop; a change made while the event
    // connection was away was published to nobody, so the watched codes are re-read once
    // both connections are back (the re-read runs on the command connection, which may
    // return later than the other).
    // On a cluster the channels ride on sharded subscribers, which come and go with masters
    // (a failover): "-subscriber" and "+subscriber" are theirs.
    let missedEvents = !connectedAtStart;
    const missed = () => (missedEvents = true);
    subscriber.on("close", missed);
    subscriber.on("-subscriber", missed);
    const resyncWhenReady = () => {
      if (missedEvents && redis.status === "ready" && subscriber.status === "ready") {
        missedEvents = false;
        void this.resync();
      }
    };
    for (const event of ["ready", "+subscriber", "subscribersReady"]) {
      subscriber.on(event, resyncWhenReady);
    }
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

  /** Either handle of a code names its hash: the handles share the code's tag. */
  private sessionKey(handle: string): string {
    return this.connection.key(`{${codeTag(handle)}}:session`);
  }

  private channelOf(qrcodeId: string): string {
    return this.connection.key(`{${codeTag(qrcodeId)}${this.channelSuffix}`);
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
