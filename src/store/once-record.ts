import { type OnceState } from "../qrcode/ports/once-store.port";

/** How both adapters keep a one-time value; times are epoch milliseconds. */
export interface OnceRecord {
  readonly validUntil: number;
  readonly rememberUntil: number;
  /** Present until taken. */
  readonly value?: string;
  /** The taker's answer, replayable until `replayUntil`. */
  readonly answer?: string;
  readonly replayUntil?: number;
}

/** The one reading of a record, shared by the adapters (the Redis take mirrors it in Lua). */
export function onceState(record: OnceRecord | null, now: number): OnceState {
  if (!record || record.rememberUntil <= now) {
    return { outcome: "unknown" };
  }
  if (record.value === undefined) {
    return record.answer !== undefined && (record.replayUntil ?? 0) > now
      ? { outcome: "answered", answer: record.answer }
      : { outcome: "already-taken" };
  }
  return record.validUntil <= now
    ? { outcome: "expired" }
    : { outcome: "open", value: record.value };
}

/** The record after a take at `now`: the value gone, the answer kept, remembered at least as
 * long as the answer. */
export function takenRecord(
  record: OnceRecord,
  answer: string,
  now: number,
  replayForMs: number,
): OnceRecord {
  const replayUntil = now + replayForMs;
  return {
    validUntil: record.validUntil,
    rememberUntil: Math.max(record.rememberUntil, replayUntil),
    answer,
    replayUntil,
  };
}
