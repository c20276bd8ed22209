import { type RedisConnection } from "./redis-connection";

/**
 * The shard channels this replica listens on, one per code one of its pages watches: joined
 * when the first watcher of a code arrives, left when the last one goes, so a replica hears
 * only the codes its own pages wait for. A second watcher arriving while the first's join is
 * on its way waits for the same join (no event between its subscribe and its read is missed).
 */
export class CodeChannels {
  private readonly joined = new Map<string, Promise<unknown>>();

  constructor(private readonly connection: RedisConnection) {}

  async join(channel: string): Promise<void> {
    let joining = this.joined.get(channel);
    if (!joining) {
      joining = this.connection.subscriber.ssubscribe(channel);
      this.joined.set(channel, joining);
    }
    try {
      await this.connection.guard(() => joining);
    } catch (error) {
      if (this.joined.get(channel) === joining) {
        this.joined.delete(channel);
      }
      throw error;
    }
  }

  leave(channel: string): void {
    if (this.joined.delete(channel)) {
      // Best effort: a replica cut from Redis has no subscription left to end.
      this.connection.subscriber.sunsubscribe(channel).catch(() => undefined);
    }
  }

  /** How many channels this replica listens on (for tests and the capacity model). */
  get size(): number {
    return this.joined.size;
  }
}
