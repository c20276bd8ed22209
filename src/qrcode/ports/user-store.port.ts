import { type JsonObject, type UserRecord } from "../qrcode.types";

/** The profile a login brings; `customData` is merged key by key into what is kept. */
export interface UserUpdate {
  readonly id: string;
  readonly displayName?: string;
  readonly photo?: string;
  readonly customData?: JsonObject;
}

/** The users of each application. Contract: `test/contract/user-store.contract.ts`. */
export interface UserStore {
  /** Creates or updates the user of an application in one atomic step and returns the result:
   * the profile fields given replace the kept ones, `customData` keys are merged in. */
  saveUser(appId: string, update: UserUpdate): Promise<UserRecord>;
  findUser(appId: string, userId: string): Promise<UserRecord | null>;
}
