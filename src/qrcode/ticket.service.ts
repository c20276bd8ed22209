import { createHash, timingSafeEqual } from "node:crypto";

import { AppError, assertThat } from "../errors/app-error";
import { type SessionStore } from "../store/session-store.port";
import { type Application } from "./application";
import { assertHandle } from "./handles";
import { decodeGrant, ticketKey } from "./login-grant";
import { type Caller } from "./qrcode.service";
import { type UserRecord } from "./qrcode.types";
import { type IssuedTokens, type TokenIssuer } from "./token-issuer.port";

export interface LoginResult extends IssuedTokens {
  readonly user: UserRecord;
}

/** A confidential application's proof, from HTTP Basic or the `clientSecret` argument. */
export interface ClientCredentials {
  readonly clientId?: string;
  readonly clientSecret?: string;
}

/** The login page's last step: one ticket, one exchange, tokens for the user who confirmed. */
export class TicketService {
  constructor(
    private readonly store: SessionStore,
    private readonly issuer: TokenIssuer,
  ) {}

  /** Client credentials are required, and checked, for a confidential application only. */
  async exchange(
    caller: Caller,
    ticket: string,
    credentials: ClientCredentials = {},
  ): Promise<LoginResult> {
    const { app } = caller;
    assertHandle("ticket", ticket);
    assertClientCredentials(app, credentials);

    const taken = await this.store.takeOnce(ticketKey(app.appId, ticket));
    switch (taken.outcome) {
      case "unknown":
        throw new AppError("TICKET_NOT_FOUND", "no ticket of this application has this value", {
          field: "ticket",
        });
      case "already-taken":
        throw new AppError("TICKET_ALREADY_USED", "this ticket was already exchanged", {
          field: "ticket",
        });
      case "expired":
        throw new AppError(
          "TICKET_EXPIRED",
          `this ticket expired; tickets live ${app.ticketLifetimeSeconds} s`,
          { field: "ticket" },
        );
    }

    const grant = decodeGrant(taken.value);
    const user = await this.store.saveUser(app.appId, {
      id: grant.userId,
      displayName: grant.displayName,
      photo: grant.photo,
      customData: grant.customData,
    });
    return { ...(await this.issuer.issue(app, user, grant.claims)), user };
  }
}

function assertClientCredentials(app: Application, credentials: ClientCredentials): void {
  if (app.clientSecret === undefined) {
    return;
  }
  const given = credentials.clientSecret;
  assertThat(
    given !== undefined,
    "CLIENT_AUTH_REQUIRED",
    `application ${app.appId} is confidential: exchange tickets with its client secret`,
    { field: "clientSecret" },
  );
  assertThat(
    (credentials.clientId === undefined || credentials.clientId === app.appId) &&
      sameSecret(given, app.clientSecret),
    "CLIENT_AUTH_FAILED",
    "wrong client id or secret",
    { field: "clientSecret" },
  );
}

/** Compares digests, so neither the length nor the content leaks through timing. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
