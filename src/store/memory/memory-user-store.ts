import { type Clock } from "../../qrcode/clock";
import { type UserStore, type UserUpdate } from "../../qrcode/ports/user-store.port";
import { type UserRecord } from "../../qrcode/qrcode.types";
import { mergeCustomData, USER_RETENTION_MS } from "../user-records";
import { ExpiringMap } from "./expiring-map";
import { type MemoryBudget } from "./memory-budget";
import { userBytes } from "./memory-footprint";

/** The users of a single process's applications, each kept 90 days after their last login. */
export class MemoryUserStore implements UserStore {
  private readonly users: ExpiringMap<UserRecord>;

  constructor(
    private readonly clock: Clock,
    budget: MemoryBudget,
  ) {
    this.users = new ExpiringMap(clock, budget);
  }

  async saveUser(appId: string, update: UserUpdate): Promise<UserRecord> {
    const key = userKey(appId, update.id);
    const kept = this.users.live(key)?.value;
    const user: UserRecord = {
      id: update.id,
      displayName: update.displayName ?? kept?.displayName,
      photo: update.photo ?? kept?.photo,
      customData: mergeCustomData(kept?.customData, update.customData),
    };
    this.users.set(key, {
      value: user,
      until: this.clock.now() + USER_RETENTION_MS,
      bytes: userBytes(key, user),
    });
    return user;
  }

  async findUser(appId: string, userId: string): Promise<UserRecord | null> {
    return this.users.live(userKey(appId, userId))?.value ?? null;
  }
}

function userKey(appId: string, userId: string): string {
  return `${appId}\u0000${userId}`;
}
