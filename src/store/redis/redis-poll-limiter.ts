import { type PollLimiter } from "../../qrcode/ports/poll-limiter.port";
import { type RedisConnection } from "./redis-connection";

/**
 * Polling pace shared by every replica: `SET NX PX` holds a code's slot for the interval.
 * (rate-limiter-flexible's Redis limiter rounds windows down to whole seconds, and a 500 ms
 * window becomes one that never expires.)
 */
export class RedisPollLimiter implements PollLimiter {
  constructor(private readonly connection: RedisConnection) {}

  async tryPoll(qrcodeId: string, intervalMs: number): Promise<number> {
    const { redis } = this.connection;
    const key = this.connection.key(`poll:${qrcodeId}`);
    const claimed = await this.connection.guard(() => redis.set(key, "1", "PX", intervalMs, "NX"));
    return claimed === "OK" ? 0 : Math.max(1, await this.connection.guard(() => redis.pttl(key)));
  }
}
