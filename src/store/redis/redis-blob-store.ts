import { type Clock } from "../../qrcode/clock";
import { type BlobStore, type StoredBlob } from "../../qrcode/ports/blob-store.port";
import { type RedisConnection } from "./redis-connection";

/** Bytes shared by every replica: a hash of body and content type, with a TTL to their time. */
export class RedisBlobStore implements BlobStore {
  constructor(
    private readonly connection: RedisConnection,
    private readonly clock: Clock,
  ) {}

  async put(key: string, blob: StoredBlob, until: number): Promise<void> {
    const blobKey = this.blobKey(key);
    const ttlMs = Math.max(1, until - this.clock.now());
    await this.connection.pipelined((pipeline) =>
      pipeline
        .hset(blobKey, {
          body: blob.body,
          contentType: blob.contentType,
          until: String(until),
        })
        .pexpire(blobKey, ttlMs),
    );
  }

  async delete(key: string): Promise<void> {
    const { redis } = this.connection;
    await this.connection.guard(() => redis.del(this.blobKey(key)));
  }

  async get(key: string): Promise<StoredBlob | null> {
    const { redis } = this.connection;
    // Buffers, not strings: the body is binary and must come back byte for byte.
    const [body, contentType, until] = await this.connection.guard(() =>
      redis.hmgetBuffer(this.blobKey(key), "body", "contentType", "until"),
    );
    // The clock decides, as for sessions: a TTL only frees the memory.
    if (!body || !contentType || !until || Number(until.toString()) <= this.clock.now()) {
      return null;
    }
    return { body, contentType: contentType.toString() };
  }

  private blobKey(key: string): string {
    return this.connection.key(`b:${key}`);
  }
}
