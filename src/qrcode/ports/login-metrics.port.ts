import { type QRCodeSession, type QRCodeType } from "../qrcode.types";

/** How a ticket exchange ended: tokens issued, the same tokens replayed, or refused. */
export type TicketExchangeResult = "issued" | "replayed" | "refused";

/**
 * What the domain tells the operator's metrics about logins. Counting only: an adapter never
 * throws and never waits. `noLoginMetrics` when metrics are off.
 */
export interface LoginMetrics {
  codeGenerated(type: QRCodeType, appId: string): void;
  /** A session that just took a new status (a compare-and-set won, or its expiry was seen);
   * `now` dates an AUTHORIZED one for the time from its code to the login. */
  statusChanged(session: QRCodeSession, now: number): void;
  ticketExchanged(appId: string, result: TicketExchangeResult): void;
}

export const noLoginMetrics: LoginMetrics = {
  codeGenerated: () => undefined,
  statusChanged: () => undefined,
  ticketExchanged: () => undefined,
};
