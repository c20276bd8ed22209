import { type Clock } from "../../qrcode/clock";
import {
  type OnceLifetime,
  type OnceState,
  type OnceStore,
  type TakeOnceResult,
} from "../../qrcode/ports/once-store.port";
import { type OnceRecord, onceState } from "../once-record";
import { type RedisConnection } from "./redis-connection";

/** One-time values shared by every replica; the take is one Lua step (TAKE_ONCE). */
export class RedisOnceStore implements OnceStore {
  constructor(
    private readonly connection: RedisConnection,
    private readonly clock: Clock,
  ) {}

  async putOnce(key: string, value: string, lifetime: OnceLifetime): Promise<void> {
    const now = this.clock.now();
    const rememberForMs = Math.max(lifetime.validForMs, lifetime.rememberForMs);
    const onceKey = this.onceKey(key);
    await this.connection.pipelined((pipeline) =>
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
    const { redis } = this.connection;
    const fields = await this.connection.guard(() => redis.hgetall(this.onceKey(key)));
    return onceState(fields.rememberUntil ? toOnceRecord(fields) : null, this.clock.now());
  }

  async takeOnce(key: string, answer: string, replayForMs: number): Promise<TakeOnceResult> {
    const { redis } = this.connection;
    const [outcome, kept] = await this.connection.guard(() =>
      redis.takeOnce(this.onceKey(key), String(this.clock.now()), answer, String(replayForMs)),
    );
    return outcome === "answered" ? { outcome, answer: kept ?? "" } : { outcome };
  }

  private onceKey(key: string): string {
    return this.connection.key(`o:${key}`);
  }
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
