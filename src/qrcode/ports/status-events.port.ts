import { type QRCodeSession } from "../qrcode.types";

export type StatusListener = (session: QRCodeSession) => void;
export type Unsubscribe = () => void;

/**
 * Status changes as they happen, on every replica: each successful compare-and-set of the
 * session store reaches the listeners of that code. Contract: `status-events.contract.ts`.
 */
export interface StatusEvents {
  /** Calls `listener` with the session after each successful status change. */
  subscribe(qrcodeId: string, listener: StatusListener): Promise<Unsubscribe>;
}
