import { AppError, assertThat } from "../errors/app-error";
import { type Application } from "./application";
import { type ClientCredentials, secretMatches } from "./client-auth";

export { type ClientCredentials } from "./client-auth";
import { type Caller } from "./caller";
import { type Clock } from "./clock";
import { type ExchangeGuard } from "./exchange-guard";
import { assertHandle } from "./handles";
import { newTicket } from "./ids";
import { decodeAnswer, encodeAnswer, type LoginResult } from "./login-answer";
import { decodeGrant, encodeGrant, type LoginGrant, ticketKey } from "./login-grant";
import { type LoginMetrics, noLoginMetrics } from "./ports/login-metrics.port";
import { type OnceState, type OnceStore, type TakeOnceResult } from "./ports/once-store.port";
import { type TokenIssuer } from "./ports/token-issuer.port";
import { type UserStore } from "./ports/user-store.port";

export { type LoginResult } from "./login-answer";

/**
 * How long a spent ticket still answers with the login it gave. A page whose exchange reply was
 * lost (a Redis stall, a dropped connection, a proxy timeout) retries with the same ticket and
 * gets the same tokens; no second token set is ever made. Short, because the ticket is a bearer
 * secret that only the page has seen, and the tokens it replays are ones the page already owns.
 */
export const EXCHANGE_REPLAY_MS = 30_000;

/** How long a spent or expired ticket is remembered, to tell "used" and "expired" from "unknown". */
const TICKET_MEMORY_MS = 10 * 60 * 1000;

/** A login's ticket from issue to exchange: one ticket, one exchange, tokens for the user who
 * confirmed. */
export class TicketService {
  constructor(
    private readonly onceValues: OnceStore,
    private readonly users: UserStore,
    private readonly issuer: TokenIssuer,
    private readonly clock: Clock,
    private readonly guard: ExchangeGuard,
    private readonly metrics: LoginMetrics = noLoginMetrics,
  ) {}

  /** Stores a confirmed login's grant under a new ticket, good for the application's
   * `ticketLifetimeSeconds`. */
  async issue(app: Application, grant: LoginGrant): Promise<string> {
    const ticket = newTicket();
    const validForMs = app.ticketLifetimeSeconds * 1000;
    await this.onceValues.putOnce(ticketKey(app.appId, ticket), encodeGrant(grant), {
      validForMs,
      rememberForMs: validForMs + TICKET_MEMORY_MS,
    });
    return ticket;
  }

  /**
   * Whether a ticket can still be exchanged. Once taken, the status stops showing it: anyone
   * who holds only the `qrcodeId` (REST query strings land in access logs) must not read it
   * and replay the page's tokens; the page that took it holds it already.
   */
  async isOpen(appId: string, ticket: string): Promise<boolean> {
    return (await this.onceValues.readOnce(ticketKey(appId, ticket))).outcome === "open";
  }

  /** Client credentials are required, and checked, for a confidential application only. */
  async exchange(
    caller: Caller,
    ticket: string,
    credentials: ClientCredentials = {},
  ): Promise<LoginResult> {
    assertHandle("ticket", ticket);
    await this.guard.assertAddressAllowed(caller);
    try {
      const { result, replayed } = await this.exchangeOnce(caller.app, ticket, credentials);
      this.metrics.ticketExchanged(caller.app.appId, replayed ? "replayed" : "issued");
      return result;
    } catch (error) {
      this.metrics.ticketExchanged(caller.app.appId, "refused");
      throw await this.guard.failure(caller, error);
    }
  }

  private async exchangeOnce(
    app: Application,
    ticket: string,
    credentials: ClientCredentials,
  ): Promise<{ result: LoginResult; replayed: boolean }> {
    const key = ticketKey(app.appId, ticket);
    const state = await this.onceValues.readOnce(key);
    assertClientCredentials(app, credentials, state.outcome !== "unknown");
    if (state.outcome !== "open") {
      return { result: this.answerOf(app, state), replayed: true };
    }
    // Everything that can fail runs before the take, which then keeps the answer atomically:
    // a failure before it leaves the ticket as it was, a lost reply after it is replayed.
    const result = await this.login(app, decodeGrant(state.value));
    const now = this.clock.now();
    const taken = await this.onceValues.takeOnce(
      key,
      encodeAnswer(result, now),
      EXCHANGE_REPLAY_MS,
    );
    return taken.outcome === "taken"
      ? { result, replayed: false }
      : { result: this.answerOf(app, taken), replayed: true };
  }

  private async login(app: Application, grant: LoginGrant): Promise<LoginResult> {
    const user = await this.users.saveUser(app.appId, {
      id: grant.userId,
      displayName: grant.displayName,
      photo: grant.photo,
      customData: grant.customData,
    });
    const claims = grant.connectionId
      ? { ...grant.claims, connection: grant.connectionId }
      : grant.claims;
    return { ...(await this.issuer.issue(app, user, claims)), user };
  }

  /** The answer to a ticket this caller did not take just now: a replay, or why not. */
  private answerOf(
    app: Application,
    state: Exclude<OnceState | TakeOnceResult, { outcome: "open" | "taken" }>,
  ): LoginResult {
    switch (state.outcome) {
      case "answered":
        return decodeAnswer(state.answer, this.clock.now());
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
  }
}

/**
 * For a confidential application, a wrong secret and an unknown ticket get the same answer:
 * otherwise a made-up ticket would tell a right secret (TICKET_NOT_FOUND) from a wrong one.
 */
function assertClientCredentials(
  app: Application,
  credentials: ClientCredentials,
  ticketKnown: boolean,
): void {
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
  const secretRight = secretMatches(credentials, app.clientSecret);
  assertThat(
    ticketKnown &&
      secretRight &&
      (credentials.clientId === undefined || credentials.clientId === app.appId),
    "CLIENT_AUTH_FAILED",
    "wrong client id or secret, or no such ticket",
    { field: "clientSecret" },
  );
}
