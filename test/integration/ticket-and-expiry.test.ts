import {
  ExchangeQrCodeTicketDocument,
  QrCodeStatusChangedDocument,
  QrCodeStatusDocument,
  ScanQrCodeDocument,
} from "../../src/__generated__/client";
import { DEMO_APPLICATION } from "../../src/config/demo-application";
import { type Application } from "../../src/qrcode/application";
import { EXCHANGE_REPLAY_MS } from "../../src/qrcode/ticket.service";
import {
  bearer,
  demoUserToken,
  expectNoErrors,
  issueCode,
  type IssuedCode,
  onlyError,
  scanAndConfirm,
} from "../support/login-flow";
import { ManualClock } from "../support/manual-clock";
import { subscribe, wsClient } from "../support/status-feed";
import { type RunningServer, startTestServer } from "../support/test-server";

const CONFIDENTIAL: Application = {
  ...DEMO_APPLICATION,
  appId: "backend-app",
  name: "Back-end exchange",
  clientSecret: "the-client-secret-of-32-or-more-bytes",
};
const SHORT_LIVED: Application = {
  ...DEMO_APPLICATION,
  appId: "short",
  name: "Short-lived codes",
  qrCodeLifetimeSeconds: 1,
};

async function ticketOf(running: RunningServer, code: IssuedCode, appId = "demo"): Promise<string> {
  const status = await running.graphql(
    QrCodeStatusDocument,
    { qrcodeId: code.qrcodeId },
    { "x-app-id": appId },
  );
  expectNoErrors(status.errors);
  return status.data?.qrCodeStatus.ticket ?? "";
}

describe("tickets by the clock, confidential exchange, and federation references", () => {
  const clock = new ManualClock(Date.now());
  let running: RunningServer;
  let alice: string;

  beforeAll(async () => {
    running = await startTestServer({ clock, applications: [DEMO_APPLICATION, CONFIDENTIAL] });
    alice = await demoUserToken("alice", "Alice");
  });

  afterAll(() => running.close());

  it("refuses a ticket after its lifetime as TICKET_EXPIRED, and a spent one as TICKET_ALREADY_USED", async () => {
    const late = await issueCode(running);
    expectNoErrors((await scanAndConfirm(running, late, alice)).errors);
    const lateTicket = await ticketOf(running, late);
    const spent = await issueCode(running);
    expectNoErrors((await scanAndConfirm(running, spent, alice)).errors);
    const spentTicket = await ticketOf(running, spent);
    expectNoErrors(
      (await running.graphql(ExchangeQrCodeTicketDocument, { ticket: spentTicket })).errors,
    );

    clock.advance(DEMO_APPLICATION.ticketLifetimeSeconds * 1000);

    const expired = await running.graphql(ExchangeQrCodeTicketDocument, { ticket: lateTicket });
    expect(onlyError(expired.errors).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      apiCode: 3012,
    });
    const reused = await running.graphql(ExchangeQrCodeTicketDocument, { ticket: spentTicket });
    expect(onlyError(reused.errors).extensions).toMatchObject({ apiCode: 3011 });
  });

  it("replays a spent ticket's tokens for the replay window only, then refuses it as used", async () => {
    const code = await issueCode(running);
    expectNoErrors((await scanAndConfirm(running, code, alice)).errors);
    const ticket = await ticketOf(running, code);
    const first = await running.graphql(ExchangeQrCodeTicketDocument, { ticket });
    expectNoErrors(first.errors);

    clock.advance(EXCHANGE_REPLAY_MS - 10_000);
    const replayed = await running.graphql(ExchangeQrCodeTicketDocument, { ticket });
    expect(replayed.data?.exchangeQRCodeTicket).toEqual({
      ...first.data?.exchangeQRCodeTicket,
      expiresIn:
        (first.data?.exchangeQRCodeTicket.expiresIn ?? 0) - (EXCHANGE_REPLAY_MS - 10_000) / 1000,
    });
    clock.advance(10_000);
    const late = await running.graphql(ExchangeQrCodeTicketDocument, { ticket });
    expect(onlyError(late.errors).extensions).toMatchObject({ apiCode: 3011 });
  });

  it("refuses to scan a code past its expiresAt, with QRCODE_EXPIRED", async () => {
    const code = await issueCode(running);
    clock.advance(DEMO_APPLICATION.qrCodeLifetimeSeconds * 1000);

    const response = await running.graphql(
      ScanQrCodeDocument,
      { input: { scanToken: code.scanToken } },
      bearer(alice),
    );

    expect(onlyError(response.errors).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      apiCode: 3001,
      status: "EXPIRED",
    });
  });

  it("exchanges a confidential application's tickets only with its client secret", async () => {
    const headers = { "x-app-id": CONFIDENTIAL.appId };
    const exchange = async (variables: { clientSecret?: string }, extra = {}) => {
      const code = await issueCode(running, undefined, headers);
      expectNoErrors((await scanAndConfirm(running, code, alice)).errors);
      const ticket = await ticketOf(running, code, CONFIDENTIAL.appId);
      return running.graphql(
        ExchangeQrCodeTicketDocument,
        { ticket, ...variables },
        {
          ...headers,
          ...extra,
        },
      );
    };
    const basic = (id: string, secret: string) => ({
      authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`,
    });

    expect(onlyError((await exchange({})).errors).extensions).toMatchObject({
      code: "UNAUTHENTICATED",
      statusCode: 401,
      apiCode: 4010,
    });
    expect(onlyError((await exchange({ clientSecret: "guess" })).errors).extensions).toMatchObject({
      apiCode: 4011,
    });
    expect(
      onlyError((await exchange({}, basic("demo", "the-client-secret-of-32-or-more-bytes"))).errors)
        .extensions,
    ).toMatchObject({ apiCode: 4011 });
    expectNoErrors(
      (await exchange({ clientSecret: "the-client-secret-of-32-or-more-bytes" })).errors,
    );
    expectNoErrors(
      (await exchange({}, basic("backend-app", "the-client-secret-of-32-or-more-bytes"))).errors,
    );
  });

  it("answers a made-up ticket the same whatever the secret, so the secret cannot be guessed without a ticket", async () => {
    const guess = (clientSecret: string) =>
      running.graphql(
        ExchangeQrCodeTicketDocument,
        { ticket: "made-up-ticket-0123456789abcdef", clientSecret },
        { "x-app-id": CONFIDENTIAL.appId, "x-forwarded-for": "198.51.100.1" },
      );

    const wrong = onlyError((await guess("a-wrong-secret")).errors);
    const right = onlyError((await guess(CONFIDENTIAL.clientSecret ?? "")).errors);

    expect(right.extensions.apiCode).toBe(wrong.extensions.apiCode);
    expect(right.message).toBe(wrong.message);
    expect(wrong.extensions).toMatchObject({ code: "UNAUTHENTICATED", apiCode: 4011 });
  });

  it("resolves QRCode entities by qrcodeId for a gateway", async () => {
    const code = await issueCode(running);

    const response = await running.graphql<
      { _entities: { qrcodeId: string; status: string; expiresAt: string }[] },
      { representations: unknown[] }
    >(
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on QRCode { qrcodeId status expiresAt }
        }
      }`,
      { representations: [{ __typename: "QRCode", qrcodeId: code.qrcodeId }] },
    );

    expectNoErrors(response.errors);
    expect(response.data?._entities).toEqual([
      {
        qrcodeId: code.qrcodeId,
        status: "PENDING",
        expiresAt: new Date(clock.now() + 120_000).toISOString(),
      },
    ]);
  });
});

describe("failed ticket exchanges", () => {
  let running: RunningServer;

  beforeAll(async () => {
    running = await startTestServer({ applications: [DEMO_APPLICATION, CONFIDENTIAL] });
  });

  afterAll(() => running.close());

  it("throttles an address after repeated failures, for every ticket, with EXCHANGE_RATE_LIMITED", async () => {
    const attempt = () =>
      running.graphql(
        ExchangeQrCodeTicketDocument,
        { ticket: `made-up-${Math.random().toString(36).slice(2)}-ticket`, clientSecret: "guess" },
        { "x-app-id": CONFIDENTIAL.appId },
      );

    const answers = [];
    for (let index = 0; index < 12; index += 1) {
      answers.push(onlyError((await attempt()).errors).extensions);
    }

    expect(answers.slice(0, 10).map((answer) => answer.apiCode)).toEqual(Array(10).fill(4011));
    expect(answers[10]).toMatchObject({
      code: "TOO_MANY_REQUESTS",
      statusCode: 429,
      apiCode: 3022,
      retryAfterMs: expect.any(Number),
    });
  });
});

describe("expiry as the login page sees it", () => {
  let running: RunningServer;

  beforeAll(async () => {
    running = await startTestServer({ applications: [SHORT_LIVED] });
  });

  afterAll(() => running.close());

  it("tells the subscriber EXPIRED at expiresAt, then completes", async () => {
    const code = await issueCode(running, undefined, { "x-app-id": "short" });
    const client = wsClient(running.baseUrl, { "x-app-id": "short" });
    const feed = subscribe(client, QrCodeStatusChangedDocument, { qrcodeId: code.qrcodeId });

    await feed.ended;

    expect(feed.events.map((event) => event.qrCodeStatusChanged.status)).toEqual([
      "PENDING",
      "EXPIRED",
    ]);
    await client.dispose();
  });
});
