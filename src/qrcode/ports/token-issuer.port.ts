import { type Application } from "../application";
import { type JsonObject, type UserRecord } from "../qrcode.types";

export interface IssuedTokens {
  readonly accessToken: string;
  readonly idToken: string;
  readonly tokenType: "Bearer";
  /** Seconds. */
  readonly expiresIn: number;
}

/** Signs the tokens a finished login receives. `claims` are the login hook's additions. */
export interface TokenIssuer {
  issue(app: Application, user: UserRecord, claims: JsonObject): Promise<IssuedTokens>;
}
