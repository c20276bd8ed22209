import {
  type JsonObject,
  type QRCodeSession,
  type QRCodeStatus,
  type UserRecord,
} from "../qrcode.types";

/** Fields a status change may set alongside the status itself. */
export type SessionUpdate = Pick<QRCodeSession, "status"> &
  Partial<
    Omit<QRCodeSession, "qrcodeId" | "scanToken" | "appId" | "type" | "createdAt" | "expiresAt">
  >;

export type CompareAndSetResult =
  | { readonly ok: true; readonly session: QRCodeSession }
  | { readonly ok: false; readonly current: QRCodeSession | null };

/** How long a one-time value is good for, and how long the store remembers it afterwards, so a
 * late or repeated take can be told apart from a value that never existed. */
export interface OnceLifetime {
  readonly validForMs: number;
  readonly rememberForMs: number;
}

/** A one-time value as it stands: `open` until taken or expired; once taken, the taker's
 * `answer` is kept for a short replay window, then it is only remembered as taken. */
export type OnceState =
  | { readonly outcome: "open"; readonly value: string }
  | { readonly outcome: "answered"; readonly answer: string }
  | { readonly outcome: "already-taken" }
  | { readonly outcome: "expired" }
  | { readonly outcome: "unknown" };

export type TakeOnceResult =
  { readonly outcome: "taken" } | Exclude<OnceState, { outcome: "open" }>;

/** The profile a login brings; `customData` is merged key by key into what is kept. */
export interface UserUpdate {
  readonly id: string;
  readonly displayName?: string;
  readonly photo?: string;
  readonly customData?: JsonObject;
}

export type StatusListener = (session: QRCodeSession) => void;
export type Unsubscribe = () => void;

/**
 * Where login sessions live. Every adapter (memory, Redis) passes the same contract suite
 * (`test/contract/session-store.contract.ts`). Operations that decide between concurrent
 * callers are atomic in the store itself, so they stay correct with many replicas.
 */
export interface SessionStore {
  /** Stores a new session, findable by id and by scan token until `retainUntil` (epoch ms). */
  create(session: QRCodeSession, retainUntil: number): Promise<void>;
  /** Sessions read as EXPIRED once an open one passes its `expiresAt`, by the store's clock. */
  findById(qrcodeId: string): Promise<QRCodeSession | null>;
  findByScanToken(scanToken: string): Promise<QRCodeSession | null>;
  /**
   * Applies `update` only if the status (EXPIRED once past `expiresAt`) is one of `expected`,
   * as one atomic step, and then tells the subscribers of that session. Fails with the current
   * session otherwise.
   */
  compareAndSetStatus(
    qrcodeId: string,
    expected: readonly QRCodeStatus[],
    update: SessionUpdate,
  ): Promise<CompareAndSetResult>;
  /** Stores a value that one caller, and only one, can later take. */
  putOnce(key: string, value: string, lifetime: OnceLifetime): Promise<void>;
  /** Reads a one-time value without taking it. */
  readOnce(key: string): Promise<OnceState>;
  /**
   * Takes an open value and keeps `answer` with it for `replayForMs`, as one atomic step: of
   * concurrent callers exactly one gets `taken`; the others, and any caller within the replay
   * window, get `answered` with the winner's answer, so a taker whose reply was lost can
   * recover it, and no second answer is ever made.
   */
  takeOnce(key: string, answer: string, replayForMs: number): Promise<TakeOnceResult>;
  /** Creates or updates the user of an application in one atomic step and returns the result:
   * the profile fields given replace the kept ones, `customData` keys are merged in. */
  saveUser(appId: string, update: UserUpdate): Promise<UserRecord>;
  findUser(appId: string, userId: string): Promise<UserRecord | null>;
  /** Calls `listener` with the session after each successful status change. */
  subscribe(qrcodeId: string, listener: StatusListener): Promise<Unsubscribe>;
  /** Answers whether the store can serve requests right now. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
