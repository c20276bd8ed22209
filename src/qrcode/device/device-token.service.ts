import { isAppError } from "../../errors/app-error";
import { type Caller } from "../caller";
import { type ClientCredentials } from "../client-auth";
import { type LoginResult } from "../login-answer";
import { type SessionStore } from "../ports/session-store.port";
import { type SharedCache } from "../ports/shared-cache.port";
import { type RequestOrigin, seenAt } from "../qrcode.types";
import { type ApplicationDirectory } from "../resolve-caller";
import { type TicketService } from "../ticket.service";
import { decodeGrant, type DeviceGrant, deviceGrantKey, encodeGrant } from "./device-grant";
import { oauthCaller } from "./oauth-caller";

/** RFC 8628 §3.5: each `slow_down` adds 5 s to the client's interval. */
const SLOW_DOWN_STEP_SECONDS = 5;
/** A client that waited its interval may still arrive a hair early (its timer, our clock). */
const EARLY_TOLERANCE_MS = 250;

/** What a poll of the token endpoint comes to: each RFC 8628 answer is a value, not an
 * exception (bad input and faults still throw). */
export type DevicePoll =
  | { readonly outcome: "pending" }
  | { readonly outcome: "slow_down"; readonly intervalSeconds: number }
  | { readonly outcome: "denied"; readonly reason?: string }
  | { readonly outcome: "expired" }
  | { readonly outcome: "invalid_grant"; readonly description: string }
  | { readonly outcome: "tokens"; readonly result: LoginResult; readonly scope: string };

export interface DevicePollRequest {
  readonly clientId: string | undefined;
  readonly credentials: ClientCredentials;
  readonly deviceCode: string;
  readonly request: RequestOrigin;
}

const NO_SUCH_GRANT: DevicePoll = {
  outcome: "invalid_grant",
  description: "no device authorization of this client has this device code",
};

/**
 * The token endpoint's device_code grant (RFC 8628 §3.4–3.5) over the code's status: pending
 * while PENDING or SCANNED, denied when CANCELLED, expired when EXPIRED, and at AUTHORIZED the
 * login's tokens through the ticket exchange, whose one-login-one-token-set rule (and replay of
 * a lost reply) it keeps.
 */
export class DeviceTokenService {
  constructor(
    private readonly sessions: Pick<SessionStore, "findById">,
    private readonly tickets: Pick<TicketService, "exchange">,
    private readonly applications: ApplicationDirectory,
    private readonly cache: SharedCache,
    private readonly now: () => number,
  ) {}

  async poll(request: DevicePollRequest): Promise<DevicePoll> {
    const caller = oauthCaller(
      this.applications,
      request.clientId,
      request.credentials,
      request.request,
    );
    const key = deviceGrantKey(request.deviceCode);
    const stored = await this.cache.get(key);
    const grant = stored === null ? null : decodeGrant(stored);
    if (!grant || grant.appId !== caller.app.appId) {
      return NO_SUCH_GRANT;
    }
    if (grant.ticket) {
      // A retry after a reply lost on its way back: the same tokens, at once (no pacing).
      return this.tokens(caller, grant, grant.ticket, request.credentials);
    }
    const now = this.now();
    if (now - grant.lastPolledAt < grant.intervalSeconds * 1000 - EARLY_TOLERANCE_MS) {
      const intervalSeconds = grant.intervalSeconds + SLOW_DOWN_STEP_SECONDS;
      await this.save(key, { ...grant, intervalSeconds, lastPolledAt: now }, now);
      return { outcome: "slow_down", intervalSeconds };
    }
    const polled = { ...grant, lastPolledAt: now };
    const session = await this.sessions.findById(grant.qrcodeId);
    if (!session) {
      return { outcome: "expired" };
    }
    const current = seenAt(session, now);
    switch (current.status) {
      case "PENDING":
      case "SCANNED":
        // Without pacing (interval 0) the time of the poll is never read again.
        if (grant.intervalSeconds > 0) {
          await this.save(key, polled, now);
        }
        return { outcome: "pending" };
      case "CANCELLED":
        return { outcome: "denied", reason: current.cancelReason };
      case "EXPIRED":
        return { outcome: "expired" };
      case "AUTHORIZED": {
        if (!current.ticket) {
          return { outcome: "invalid_grant", description: "this login's tokens were taken" };
        }
        await this.save(key, { ...polled, ticket: current.ticket }, now);
        return this.tokens(caller, polled, current.ticket, request.credentials);
      }
    }
  }

  /** The login's one token set (a retry within the ticket's replay window gets it again). */
  private async tokens(
    caller: Caller,
    grant: DeviceGrant,
    ticket: string,
    credentials: ClientCredentials,
  ): Promise<DevicePoll> {
    try {
      const result = await this.tickets.exchange(caller, ticket, credentials);
      return { outcome: "tokens", result, scope: grant.scope };
    } catch (error) {
      if (
        isAppError(error) &&
        ["TICKET_ALREADY_USED", "TICKET_EXPIRED", "TICKET_NOT_FOUND"].includes(error.errorName)
      ) {
        return { outcome: "invalid_grant", description: "this login's tokens were taken" };
      }
      throw error;
    }
  }

  private async save(key: string, grant: DeviceGrant, now: number): Promise<void> {
    await this.cache.set(key, encodeGrant(grant), Math.max(grant.keepUntil - now, 1000));
  }
}
