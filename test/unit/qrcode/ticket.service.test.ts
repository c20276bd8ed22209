import { decodeJwt } from "jose";

import { JwtTokenIssuer } from "../../../src/auth/jwt-token-issuer";
import { loadSigningKeys } from "../../../src/auth/signing-key";
import { type AppError } from "../../../src/errors/app-error";
import { type Application } from "../../../src/qrcode/application";
import { ExchangeGuard } from "../../../src/qrcode/exchange-guard";
import { applicationDirectory, resolveCaller } from "../../../src/qrcode/resolve-caller";
import { TicketService } from "../../../src/qrcode/ticket.service";
import { memoryStores } from "../../../src/store/memory/memory-stores";
import { demoLikeApplication } from "../../support/applications";
import { ManualClock } from "../../support/manual-clock";

const SECRET = "a-confidential-client-secret-0123456789";

describe("TicketService", () => {
  const clock = new ManualClock(Date.UTC(2026, 11, 6));
  const stores = memoryStores(clock);
  const web: Application = demoLikeApplication("web");
  const backEnd: Application = demoLikeApplication("backend", { clientSecret: SECRET });
  const directory = applicationDirectory([web, backEnd]);
  const tickets = new TicketService(
    stores.onceValues,
    stores.users,
    new JwtTokenIssuer(loadSigningKeys(undefined, 60_000), "https://qr.test", clock),
    clock,
    new ExchangeGuard(stores.rateLimiter),
  );
  const callerOf = (app: Application) =>
    resolveCaller(directory, app.appId, { ip: "198.51.100.1" });
  let logins = 0;
  const grant = (customData = {}) => ({
    qrcodeId: `code-${++logins}`.padEnd(44, "x"),
    userId: "alice",
    displayName: "Alice",
    customData,
    claims: { plan: "gold" },
  });
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error("expected a refusal");
      },
      (error: AppError) => error.errorName,
    );

  afterAll(() => stores.close());

  it("turns a ticket into one token set for the user who confirmed, with the hook's claims and the custom data", async () => {
    const ticket = await tickets.issue(web, grant({ school: "hust" }));

    const login = await tickets.exchange(callerOf(web), ticket);

    expect(login.user).toMatchObject({ id: "alice", customData: { school: "hust" } });
    expect(decodeJwt(login.idToken)).toMatchObject({ sub: "alice", aud: "web", plan: "gold" });
  });

  it("replays the same token set to a retry within 30 s, then refuses the spent ticket", async () => {
    const ticket = await tickets.issue(web, grant());
    const first = await tickets.exchange(callerOf(web), ticket);

    clock.advance(10_000);
    const retried = await tickets.exchange(callerOf(web), ticket);
    clock.advance(25_000);

    expect(retried.accessToken).toBe(first.accessToken);
    await expect(refusal(tickets.exchange(callerOf(web), ticket))).resolves.toBe(
      "TICKET_ALREADY_USED",
    );
  });

  it("refuses a ticket past the application's ticket lifetime", async () => {
    const ticket = await tickets.issue(web, grant());

    clock.advance((web.ticketLifetimeSeconds + 1) * 1000);

    await expect(refusal(tickets.exchange(callerOf(web), ticket))).resolves.toMatch(
      /^TICKET_(NOT_FOUND|EXPIRED)$/,
    );
  });

  it("takes a confidential application's ticket only with its client secret", async () => {
    const ticket = await tickets.issue(backEnd, grant());

    await expect(refusal(tickets.exchange(callerOf(backEnd), ticket))).resolves.toBe(
      "CLIENT_AUTH_REQUIRED",
    );
    await expect(
      refusal(tickets.exchange(callerOf(backEnd), ticket, { clientSecret: "wrong" })),
    ).resolves.toBe("CLIENT_AUTH_FAILED");
    const login = await tickets.exchange(callerOf(backEnd), ticket, { clientSecret: SECRET });
    expect(login.user.id).toBe("alice");
  });

  it("keeps one application's ticket from another", async () => {
    const ticket = await tickets.issue(web, grant());

    await expect(
      refusal(tickets.exchange(callerOf(backEnd), ticket, { clientSecret: SECRET })),
    ).resolves.toMatch(/^(TICKET_NOT_FOUND|CLIENT_AUTH_FAILED)$/);
  });
});
