import { type IssuedTokens } from "./ports/token-issuer.port";
import { type UserRecord } from "./qrcode.types";

export interface LoginResult extends IssuedTokens {
  readonly user: UserRecord;
}

/** A login's answer as the store keeps it for the replay window, with when it was issued. */
interface KeptAnswer {
  readonly result: LoginResult;
  readonly issuedAt: number;
}

export function encodeAnswer(result: LoginResult, issuedAt: number): string {
  return JSON.stringify({ result, issuedAt } satisfies KeptAnswer);
}

/** The kept answer as of `now`: the same tokens, with the seconds they have left. */
export function decodeAnswer(text: string, now: number): LoginResult {
  const { result, issuedAt } = JSON.parse(text) as KeptAnswer;
  const elapsedSeconds = Math.floor(Math.max(0, now - issuedAt) / 1000);
  return { ...result, expiresIn: Math.max(0, result.expiresIn - elapsedSeconds) };
}
