import { type QRCodeSession, type QRCodeStatus } from "../qrcode.types";

/** Fields a status change may set alongside the status itself. */
export type SessionUpdate = Pick<QRCodeSession, "status"> &
  Partial<
    Omit<QRCodeSession, "qrcodeId" | "scanToken" | "appId" | "type" | "createdAt" | "expiresAt">
  >;

export type ReleaseRoom = () => void;

export type CompareAndSetResult =
  | { readonly ok: true; readonly session: QRCodeSession }
  | { readonly ok: false; readonly current: QRCodeSession | null };

/**
 * Where login sessions live. Every adapter passes `test/contract/session-store.contract.ts`.
 *
 * The expiry rule is the domain's (`seenAt` in qrcode.types.ts: an open session past its
 * `expiresAt` is EXPIRED, whatever was last written); adapters apply it on every read and inside
 * the compare-and-set, by the injected clock, never by their own TTLs (which only free memory).
 */
export interface SessionStore {
  /**
   * Holds room for a code of `appId` of about `bytes` while it is being made (a WeChat call may
   * take seconds), or refuses with STORE_FULL before anything is spent on it. Answers the
   * release (idempotent), called once the code is stored or has failed. A store with no bound of its own
   * (Redis: its `maxmemory` is the operator's) holds nothing.
   */
  holdRoom(appId: string, bytes: number): Promise<ReleaseRoom>;
  /** Stores a new session, findable by id and by scan token until `retainUntil` (epoch ms). */
  create(session: QRCodeSession, retainUntil: number): Promise<void>;
  findById(qrcodeId: string): Promise<QRCodeSession | null>;
  findByScanToken(scanToken: string): Promise<QRCodeSession | null>;
  /**
   * Applies `update` only if the status (as the expiry rule reads it) is one of `expected`, as
   * one atomic step, then tells the session's subscribers (StatusEvents). Fails with the current
   * session otherwise.
   */
  compareAndSetStatus(
    qrcodeId: string,
    expected: readonly QRCodeStatus[],
    update: SessionUpdate,
  ): Promise<CompareAndSetResult>;
}
