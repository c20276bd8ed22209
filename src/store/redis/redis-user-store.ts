import { type UserStore, type UserUpdate } from "../../qrcode/ports/user-store.port";
import { type JsonValue, type UserRecord } from "../../qrcode/qrcode.types";
import { USER_CUSTOM_DATA_LIMITS, USER_RETENTION_MS } from "../user-records";
import { pairsToRecord, type RedisConnection } from "./redis-connection";

/** Users shared by every replica: a hash per user, one `cd:` field per custom data key. */
export class RedisUserStore implements UserStore {
  constructor(private readonly connection: RedisConnection) {}

  async saveUser(appId: string, update: UserUpdate): Promise<UserRecord> {
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
    const { redis } = this.connection;
    const saved = await this.connection.guard(() =>
      redis.saveUser(
        this.userKey(appId, update.id),
        String(USER_RETENTION_MS),
        String(USER_CUSTOM_DATA_LIMITS.maxKeys),
        String(USER_CUSTOM_DATA_LIMITS.maxBytes),
        ...pairs,
      ),
    );
    return toUser(pairsToRecord(saved));
  }

  async findUser(appId: string, userId: string): Promise<UserRecord | null> {
    const { redis } = this.connection;
    const fields = await this.connection.guard(() => redis.hgetall(this.userKey(appId, userId)));
    return fields.id ? toUser(fields) : null;
  }

  private userKey(appId: string, userId: string): string {
    return this.connection.key(`u:${appId}:${userId}`);
  }
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
