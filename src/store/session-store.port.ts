import { type QRCodeSession, type QRCodeStatus } from "../qrcode/qrcode.types";

/** Fields a status change may set alongside the status itself. */
export type SessionUpdate = Pick<QRCodeSession, "status"> &
  Partial<
    Omit<QRCodeSession, "qrcodeId" | "scanToken" | "appId" | "type" | "createdAt" | "expiresAt">
  >;

export type CompareAndSetResult =
  | { readonly ok: true; readonly session: QRCodeSession }
  | { readonly ok: false; readonly current: QRCodeSession | null };

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
  findById(qrcodeId: string): Promise<QRCodeSession | null>;
  findByScanToken(scanToken: string): Promise<QRCodeSession | null>;
  /**
   * Applies `update` only if the stored status is one of `expected`, as one atomic step, and
   * then tells the subscribers of that session. Fails with the current session otherwise.
   */
  compareAndSetStatus(
    qrcodeId: string,
    expected: readonly QRCodeStatus[],
    update: SessionUpdate,
  ): Promise<CompareAndSetResult>;
  /** Stores a value that one caller, and only one, can later take. */
  putOnce(key: string, value: string, ttlMs: number): Promise<void>;
  /** Returns the value and removes it in one step; of concurrent callers only one gets it. */
  takeOnce(key: string): Promise<string | null>;
  /** Calls `listener` with the session after each successful status change. */
  subscribe(qrcodeId: string, listener: StatusListener): Promise<Unsubscribe>;
  /** Answers whether the store can serve requests right now. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
