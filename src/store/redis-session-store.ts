import { type ChainableCommander, Redis, type RedisOptions } from "ioredis";
import { type BaseLogger } from "pino";

import { AppError } from "../errors/app-error";
import { type Clock, systemClock } from "../qrcode/clock";
import { type PollLimiter } from "../qrcode/ports/poll-limiter.port";
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
  type JsonValue,
  OPEN_STATUSES,
  type QRCodeSession,
  type QRCodeStatus,
  seenAt,
  type UserRecord,
} from "../qrcode/qrcode.types";
import { type OnceRecord, onceState } from "./once-record";
import { COMPARE_AND_SET_STATUS, FIND_BY_SCAN_TOKEN, SAVE_USER, TAKE_ONCE } from "./redis-scripts";
import { StatusListeners } from "./status-listeners";
import { USER_CUSTOM_DATA_LIMITS, USER_RETENTION_MS } from "./user-records";

export interface RedisStoreOptions {
  readonly url: string;
  /** Namespaces every key and the event channel, so services can share a Redis. */
  readonly keyPrefix: string;
  readonly clock?: Clock;
  readonly logger?: Pick<BaseLogger, "warn" | "info">;
}

interface ScriptedRedis extends Redis {
  compareAndSetStatus(
    session: string,
    channel: string,
    ...args: string[]
  ): Promise<[0 | 1, string[]?]>;
  takeOnce(
    key: string,
    now: string,
    answer: string,
    replayForMs: string,
  ): Promise<[TakeOnceResult["outcome"], string?]>;
  findByScanToken(scanKey: string, sessionPrefix: string): Promise<string[] | null>;
  saveUser(userKey: string, ...args: string[]): Promise<string[]>;
}

/** Fail fast while Redis is away (a clear 503 beats a hung request), and keep reconnecting. */
const CONNECTION_OPTIONS: RedisOptions = {
  lazyConnect: true,
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  commandTimeout: 2000,
  connectTimeout: 2000,
  retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
};
const OUTAGE_LOG_INTERVAL_MS = 5000;

/**
 * The shared store of many replicas. Sessions are hashes (the creation-time session as JSON,
 * plus `status` and one field per later update), so a status change is a small atomic write;
 * status changes travel on one pub/sub channel to every replica's subscribers.
 */
export class RedisSessionStore implements SessionStore {
  private readonly listeners = new StatusListeners();
  private readonly channel: string;
  private lastOutageLog = 0;

  private constructor(
    private readonly redis: ScriptedRedis,
    private readonly subscriber: Redis,
    private readonly options: RedisStoreOptions,
    private readonly clock: Clock,
  ) {
    this.channel = `${options.keyPrefix}events`;
  }

  /**
   * Connects both connections and subscribes to status events before it resolves. When Redis
   * is not reachable yet it resolves anyway, and the connections keep trying: the replica
   * starts not ready (503s, /readyz) and serves once Redis answers, as after any outage.
   */
  static async connect(options: RedisStoreOptions): Promise<RedisSessionStore> {
    const redis = new Redis(options.url, CONNECTION_OPTIONS) as ScriptedRedis;
    redis.defineCommand("compareAndSetStatus", { numberOfKeys: 2, lua: COMPARE_AND_SET_STATUS });
    redis.defineCommand("takeOnce", { numberOfKeys: 1, lua: TAKE_ONCE });
    redis.defineCommand("findByScanToken", { numberOfKeys: 1, lua: FIND_BY_SCAN_TOKEN });
    redis.defineCommand("saveUser", { numberOfKeys: 1, lua: SAVE_USER });
    // A dedicated connection: one in subscriber mode can run nothing else.
    const subscriber = new Redis(options.url, { ...CONNECTION_OPTIONS, enableOfflineQueue: true });
    const store = new RedisSessionStore(redis, subscriber, options, options.clock ?? systemClock);
    for (const connection of [redis, subscriber]) {
      connection.on("error", (error: Error) => store.noteOutage(error));
    }
    const connected = await Promise.all([redis.connect(), subscriber.connect()]).then(
      () => true,
      () => false,
    );
    if (!connected) {
      options.logger?.warn(
        { keyPrefix: options.keyPrefix },
        "Redis is not reachable at start; answering 503 until it is",
      );
    }
    subscriber.on("message", (channel: string, message: string) => {
      if (channel === store.channel) {
        const session = fromHash(pairsToRecord(JSON.parse(message) as string[]));
        if (session) {
          store.deliver(session);
        }
      }
    });
    // Queued by the subscriber connection until it connects; ioredis re-subscribes after drops.
    const subscribed = subscriber.subscribe(store.channel);
    if (connected) {
      await subscribed;
    } else {
      subscribed.catch(() => undefined);
    }
    // Once the event connection has dropped, re-read when both connections are back (the
    // re-read runs on the command connection, which may return later than the other).
    let missedEvents = !connected;
    subscriber.on("close", () => (missedEvents = true));
    const resyncWhenReady = () => {
      if (missedEvents && redis.status === "ready" && subscriber.status === "ready") {
        missedEvents = false;
        void store.resync();
      }
    };
    subscriber.on("ready", resyncWhenReady);
    redis.on("ready", resyncWhenReady);
    return store;
  }

  async create(session: QRCodeSession, retainUntil: number): Promise<void> {
    const { status, ...base } = session;
    const ttlMs = Math.max(1, retainUntil - this.clock.now());
    // A pipeline, not MULTI/EXEC: the keys are new and random, so nothing that matters can
    // interleave, and a transaction would add two commands for Redis to run on every login.
    await this.pipelined((pipeline) =>
      pipeline
        .hset(this.sessionKey(session.qrcodeId), {
          base: JSON.stringify(base),
          status,
          expiresAt: String(session.expiresAt),
          retainUntil: String(retainUntil),
        })
        .pexpire(this.sessionKey(session.qrcodeId), ttlMs)
        .set(this.scanKey(session.scanToken), session.qrcodeId, "PX", ttlMs),
    );
  }

  async findById(qrcodeId: string): Promise<QRCodeSession | null> {
    const fields = await this.guard(() => this.redis.hgetall(this.sessionKey(qrcodeId)));
    return this.present(fields);
  }

  async findByScanToken(scanToken: string): Promise<QRCodeSession | null> {
    const fields = await this.guard(() =>
      this.redis.findByScanToken(this.scanKey(scanToken), this.sessionKey("")),
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
    const [applied, fields] = await this.guard(() =>
      this.redis.compareAndSetStatus(
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

  async putOnce(key: string, value: string, lifetime: OnceLifetime): Promise<void> {
    const now = this.clock.now();
    const rememberForMs = Math.max(lifetime.validForMs, lifetime.rememberForMs);
    const onceKey = this.onceKey(key);
    await this.pipelined((pipeline) =>
      pipeline
        .hset(onceKey, {
          validUntil: String(now + lifetime.validForMs),
          rememberUntil: String(now + rememberForMs),
          value,
        })
        .pexpire(onceKey, rememberForMs),
    );
  }

  async readOnce(key: string): Promise<OnceState> {
    const fields = await this.guard(() => this.redis.hgetall(this.onceKey(key)));
    return onceState(fields.rememberUntil ? toOnceRecord(fields) : null, this.clock.now());
  }

  async takeOnce(key: string, answer: string, replayForMs: number): Promise<TakeOnceResult> {
    const [outcome, kept] = await this.guard(() =>
      this.redis.takeOnce(this.onceKey(key), String(this.clock.now()), answer, String(replayForMs)),
    );
    return outcome === "answered" ? { outcome, answer: kept ?? "" } : { outcome };
  }

  async saveUser(appId: string, update: UserUpdate): Promise<UserRecord> {
    const key = this.userKey(appId, update.id);
    const fields: Record<string, string> = {};
    if (update.displayName !== undefined) {
      fields.displayName = update.displayName;
    }
    if (update.photo !== undefined) {
      fields.photo = update.photo;
    }
    for (const [name, value] of Object.entries(update.customData ?? {})) {
      fields[`cd:${name}`] = JSON.stringify(value);
    }
    // One script: concurrent logins merging keys lose none, and the bound holds.
    const pairs = Object.entries({ id: update.id, ...fields }).flat();
    const saved = await this.guard(() =>
      this.redis.saveUser(
        key,
        String(USER_RETENTION_MS),
        String(USER_CUSTOM_DATA_LIMITS.maxKeys),
        String(USER_CUSTOM_DATA_LIMITS.maxBytes),
        ...pairs,
      ),
    );
    return toUser(pairsToRecord(saved));
  }

  async findUser(appId: string, userId: string): Promise<UserRecord | null> {
    const fields = await this.guard(() => this.redis.hgetall(this.userKey(appId, userId)));
    return fields.id ? toUser(fields) : null;
  }

  async subscribe(qrcodeId: string, listener: StatusListener): Promise<Unsubscribe> {
    return this.listeners.add(qrcodeId, listener);
  }

  /** Polling pace on the same connection: `SET NX PX` holds a code's slot for the interval.
   * (rate-limiter-flexible's Redis limiter rounds windows down to whole seconds, and a 500 ms
   * window becomes one that never expires.) */
  readonly pollLimiter: PollLimiter = {
    tryPoll: async (qrcodeId, intervalMs) => {
      const key = `${this.options.keyPrefix}poll:${qrcodeId}`;
      const claimed = await this.guard(() => this.redis.set(key, "1", "PX", intervalMs, "NX"));
      return claimed === "OK" ? 0 : Math.max(1, await this.guard(() => this.redis.pttl(key)));
    },
  };

  /** The command connection and key prefix, for the rate limiters that share this Redis. */
  rateLimitConnection(): { client: Redis; keyPrefix: string } {
    return { client: this.redis, keyPrefix: this.options.keyPrefix };
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.redis.ping()) === "PONG";
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await Promise.allSettled([this.subscriber.quit(), this.redis.quit()]);
    this.subscriber.disconnect();
    this.redis.disconnect();
  }

  /** After the event connection comes back, re-read every watched code: a change made while
   * it was away was published to nobody, and must not be missed. */
  private async resync(): Promise<void> {
    for (const qrcodeId of this.listeners.watched()) {
      const session = await this.findById(qrcodeId).catch(() => null);
      if (session) {
        this.deliver(session);
      }
    }
  }

  private deliver(session: QRCodeSession): void {
    this.listeners.deliver(session);
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

  /** Runs commands in one round trip; any failure is the store being unavailable. */
  private async pipelined(
    build: (pipeline: ChainableCommander) => ChainableCommander,
  ): Promise<unknown[]> {
    const results = await this.guard(async () => {
      const answered = (await build(this.redis.pipeline()).exec()) ?? [];
      const failure = answered.find(([error]) => error)?.[0];
      if (failure) {
        throw failure;
      }
      return answered;
    });
    return results.map(([, value]) => value);
  }

  /** Redis being away is an expected condition with its own error, not a crash. */
  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      this.noteOutage(error as Error);
      throw new AppError("STORE_UNAVAILABLE", "the session store is unavailable; retry shortly");
    }
  }

  private noteOutage(error: Error): void {
    const now = Date.now();
    if (now - this.lastOutageLog >= OUTAGE_LOG_INTERVAL_MS) {
      this.lastOutageLog = now;
      this.options.logger?.warn({ err: error.message }, "Redis store unavailable");
    }
  }

  private sessionKey(qrcodeId: string): string {
    return `${this.options.keyPrefix}s:${qrcodeId}`;
  }

  private scanKey(scanToken: string): string {
    return `${this.options.keyPrefix}t:${scanToken}`;
  }

  private onceKey(key: string): string {
    return `${this.options.keyPrefix}o:${key}`;
  }

  private userKey(appId: string, userId: string): string {
    return `${this.options.keyPrefix}u:${appId}:${userId}`;
  }
}

/** HGETALL's flat [field, value, ...] array (the form Lua scripts return) as a record. */
function pairsToRecord(flat: readonly string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let index = 0; index + 1 < flat.length; index += 2) {
    fields[flat[index] as string] = flat[index + 1] as string;
  }
  return fields;
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

function toOnceRecord(fields: Record<string, string>): OnceRecord {
  return {
    validUntil: Number(fields.validUntil),
    rememberUntil: Number(fields.rememberUntil),
    value: fields.value,
    answer: fields.answer,
    replayUntil: fields.replayUntil === undefined ? undefined : Number(fields.replayUntil),
  };
}

function toUser(fields: Record<string, string>): UserRecord {
  const customData: Record<string, JsonValue> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (field.startsWith("cd:")) {
      // defineProperty, not assignment: a "__proto__" key must stay a key, never a prototype.
      Object.defineProperty(customData, field.slice(3), {
        value: JSON.parse(value) as JsonValue,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return {
    id: fields.id as string,
    ...(fields.displayName ? { displayName: fields.displayName } : {}),
    ...(fields.photo ? { photo: fields.photo } : {}),
    customData,
  };
}
