import { type TypedDocumentNode } from "@graphql-typed-document-node/core";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";

import {
  CancelQrCodeDocument,
  ConfirmQrCodeDocument,
  ExchangeQrCodeTicketDocument,
  QrCodeStatusChangedDocument,
  QrCodeStatusDocument,
  ScanQrCodeDocument,
} from "../../src/__generated__/client";
import { DEMO_APPLICATION } from "../../src/config/demo-application";
import { ACME } from "../support/applications";
import {
  bearer,
  demoUserToken,
  expectNoErrors,
  issueCode,
  onlyError,
  scanAndConfirm,
} from "../support/login-flow";
import { ManualClock } from "../support/manual-clock";
import { deleteKeys, REDIS_TEST_URL, uniqueKeyPrefix } from "../support/redis";
import { subscribe, wsClient } from "../support/status-feed";
import { type RunningServer, startTestServer } from "../support/test-server";

type ScannerCall = TypedDocumentNode<unknown, { input: { scanToken: string } }>;
const SCAN: ScannerCall = ScanQrCodeDocument;
const CONFIRM: ScannerCall = ConfirmQrCodeDocument;
const CANCEL: ScannerCall = CancelQrCodeDocument;

const REDIS = { url: REDIS_TEST_URL, keyPrefix: uniqueKeyPrefix("lifecycle") };

afterAll(() => deleteKeys(REDIS.keyPrefix));

describe.each([
  ["memory", undefined],
  ["Redis", REDIS],
])("the login lifecycle over HTTP and graphql-ws, %s store", (_store, redis) => {
  let running: RunningServer;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    running = await startTestServer({ applications: [DEMO_APPLICATION, ACME], redis });
    alice = await demoUserToken("alice", "Alice");
    bob = await demoUserToken("bob", "Bob");
  });

  afterAll(() => running.close());

  it("logs a person in end to end: generate, subscribe, scan, confirm, exchange, verify", async () => {
    const code = await issueCode(
      running,
      { school: "hust" },
      {
        origin: "https://login.demo.test",
        "user-agent": "Firefox/140",
      },
    );
    const client = wsClient(running.baseUrl, { "x-app-id": "demo" });
    const feed = subscribe(client, QrCodeStatusChangedDocument, { qrcodeId: code.qrcodeId });
    const [pending] = await feed.next(1);
    expect(pending?.qrCodeStatusChanged).toMatchObject({ status: "PENDING", ticket: null });

    const scanned = await running.graphql(
      ScanQrCodeDocument,
      { input: { scanToken: code.scanToken } },
      bearer(alice),
    );
    expectNoErrors(scanned.errors);
    expect(scanned.data?.scanQRCode).toMatchObject({
      status: "SCANNED",
      applicationName: "Demo Application",
      requestOrigin: "https://login.demo.test",
      requestUserAgent: "Firefox/140",
      requestIp: "127.0.0.1",
    });
    const [, seenScanned] = await feed.next(2);
    expect(seenScanned?.qrCodeStatusChanged).toMatchObject({
      status: "SCANNED",
      briefUserInfo: { displayName: "Alice", photo: "https://img.test/alice.png" },
      ticket: null,
    });

    const confirmed = await running.graphql(
      ConfirmQrCodeDocument,
      { input: { scanToken: code.scanToken } },
      bearer(alice),
    );
    expectNoErrors(confirmed.errors);
    expect(confirmed.data?.confirmQRCode.status).toBe("AUTHORIZED");
    expect(JSON.stringify(confirmed.data)).not.toContain("ticket");
    await feed.ended;
    const authorized = feed.events[2]?.qrCodeStatusChanged;
    expect(authorized?.status).toBe("AUTHORIZED");
    expect(authorized?.ticket).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(feed.events).toHaveLength(3);
    await client.dispose();

    const exchanged = await running.graphql(ExchangeQrCodeTicketDocument, {
      ticket: authorized?.ticket ?? "",
    });
    expectNoErrors(exchanged.errors);
    const login = exchanged.data?.exchangeQRCodeTicket;
    expect(login).toMatchObject({
      tokenType: "Bearer",
      expiresIn: 3600,
      user: {
        id: "alice",
        displayName: "Alice",
        photo: "https://img.test/alice.png",
        customData: { school: "hust" },
      },
    });

    const jwks = createRemoteJWKSet(new URL(`${running.baseUrl}/.well-known/jwks.json`));
    const expected = { issuer: "http://qr.test", audience: "demo", algorithms: ["ES256"] };
    const access = await jwtVerify(login?.accessToken ?? "", jwks, expected);
    const id = await jwtVerify(login?.idToken ?? "", jwks, expected);
    expect(access.payload).toMatchObject({ sub: "alice", client_id: "demo", amr: ["qr"] });
    expect(access.protectedHeader.typ).toBe("at+jwt");
    expect(id.payload).toMatchObject({
      sub: "alice",
      name: "Alice",
      picture: "https://img.test/alice.png",
    });
    expect((access.payload.exp ?? 0) - (access.payload.iat ?? 0)).toBe(3600);
    expect(decodeProtectedHeader(login?.idToken ?? "").kid).toMatch(/^ephemeral-/);
  });

  it("keeps the user's custom data, merging each login's customData into it", async () => {
    const carol = await demoUserToken("carol", "Carol");
    const loginWith = async (customData: Record<string, unknown>) => {
      const code = await issueCode(running, customData);
      expectNoErrors((await scanAndConfirm(running, code, carol)).errors);
      const status = await running.graphql(QrCodeStatusDocument, { qrcodeId: code.qrcodeId });
      const exchanged = await running.graphql(ExchangeQrCodeTicketDocument, {
        ticket: status.data?.qrCodeStatus.ticket ?? "",
      });
      expectNoErrors(exchanged.errors);
      return exchanged.data?.exchangeQRCodeTicket.user.customData;
    };

    expect(await loginWith({ school: "hust", year: 1 })).toEqual({ school: "hust", year: 1 });
    expect(await loginWith({ year: 2, club: "chess" })).toEqual({
      school: "hust",
      year: 2,
      club: "chess",
    });
  });

  it("lets the scanner cancel: the page sees CANCELLED and the subscription completes", async () => {
    const code = await issueCode(running);
    const client = wsClient(running.baseUrl, { "x-app-id": "demo" });
    const feed = subscribe(client, QrCodeStatusChangedDocument, { qrcodeId: code.qrcodeId });
    await feed.next(1);

    const cancelled = await running.graphql(
      CancelQrCodeDocument,
      { input: { scanToken: code.scanToken } },
      bearer(alice),
    );

    expect(cancelled.data?.cancelQRCode.status).toBe("CANCELLED");
    await feed.ended;
    expect(feed.events.map((event) => event.qrCodeStatusChanged.status)).toEqual([
      "PENDING",
      "CANCELLED",
    ]);
    expect(feed.events[1]?.qrCodeStatusChanged).toMatchObject({
      cancelReason: "cancelled by the scanner",
      cancelledBy: "SCANNER",
    });
    await client.dispose();
  });

  it("makes one token set of a ticket: 20 concurrent exchanges all get that same set", async () => {
    const code = await issueCode(running);
    expectNoErrors((await scanAndConfirm(running, code, alice)).errors);
    const status = await running.graphql(QrCodeStatusDocument, { qrcodeId: code.qrcodeId });
    const ticket = status.data?.qrCodeStatus.ticket ?? "";

    const results = await Promise.all(
      Array.from({ length: 20 }, () => running.graphql(ExchangeQrCodeTicketDocument, { ticket })),
    );

    expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
    const sets = new Set(
      results.map(({ data }) => JSON.stringify(data?.exchangeQRCodeTicket ?? null)),
    );
    expect(sets.size).toBe(1);
    expect(results[0]?.data?.exchangeQRCodeTicket.accessToken).toMatch(/^ey/);
  });

  describe("refuses every wrong transition with its own apiCode", () => {
    it("confirming before scanning", async () => {
      const code = await issueCode(running);
      const response = await running.graphql(
        ConfirmQrCodeDocument,
        { input: { scanToken: code.scanToken } },
        bearer(alice),
      );
      expect(onlyError(response.errors).extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        statusCode: 400,
        apiCode: 3004,
        status: "PENDING",
      });
    });

    it("a second person scanning, confirming or cancelling a scanned code", async () => {
      const code = await issueCode(running);
      const input = { input: { scanToken: code.scanToken } };
      expectNoErrors((await running.graphql(ScanQrCodeDocument, input, bearer(alice))).errors);
      // The same person scanning again is fine: phones retry.
      expectNoErrors((await running.graphql(ScanQrCodeDocument, input, bearer(alice))).errors);

      for (const document of [SCAN, CONFIRM, CANCEL]) {
        const response = await running.graphql(document, input, bearer(bob));
        expect(onlyError(response.errors).extensions).toMatchObject({
          code: "FORBIDDEN",
          statusCode: 403,
          apiCode: 3005,
        });
      }
    });

    it("confirming or scanning a cancelled code", async () => {
      const code = await issueCode(running);
      const input = { input: { scanToken: code.scanToken } };
      await running.graphql(CancelQrCodeDocument, input, bearer(alice));

      for (const document of [SCAN, CONFIRM]) {
        const response = await running.graphql(document, input, bearer(alice));
        expect(onlyError(response.errors).extensions).toMatchObject({ apiCode: 3002 });
      }
    });

    it("confirming twice, or cancelling an authorized code", async () => {
      const code = await issueCode(running);
      const input = { input: { scanToken: code.scanToken } };
      expectNoErrors((await scanAndConfirm(running, code, alice)).errors);

      for (const document of [CONFIRM, CANCEL, SCAN]) {
        const response = await running.graphql(document, input, bearer(alice));
        expect(onlyError(response.errors).extensions).toMatchObject({ apiCode: 3003 });
      }
    });

    it("exchanging an unknown ticket", async () => {
      const response = await running.graphql(ExchangeQrCodeTicketDocument, {
        ticket: "n".repeat(32),
      });
      expect(onlyError(response.errors).extensions).toMatchObject({
        code: "NOT_FOUND",
        statusCode: 404,
        apiCode: 3010,
        field: "ticket",
      });
    });
  });

  describe("keeps the two handles apart", () => {
    it("refuses a scan token where the qrcodeId belongs, by query and by subscription", async () => {
      const code = await issueCode(running);

      const polled = await running.graphql(QrCodeStatusDocument, { qrcodeId: code.scanToken });
      expect(onlyError(polled.errors).extensions).toMatchObject({
        apiCode: 3000,
        field: "qrcodeId",
      });

      const client = wsClient(running.baseUrl, { "x-app-id": "demo" });
      const feed = subscribe(client, QrCodeStatusChangedDocument, { qrcodeId: code.scanToken });
      await feed.ended;
      expect(feed.events).toEqual([]);
      expect(feed.errors[0]?.extensions).toMatchObject({
        code: "NOT_FOUND",
        statusCode: 404,
        apiCode: 3000,
      });
      expect(feed.errors[0]?.extensions.requestId).toEqual(expect.any(String));
      await client.dispose();
    });

    it("refuses a malformed handle as BAD_USER_INPUT naming the field", async () => {
      const malformed = [
        await running.graphql(
          ScanQrCodeDocument,
          { input: { scanToken: "not a token!" } },
          bearer(alice),
        ),
        await running.graphql(QrCodeStatusDocument, { qrcodeId: "" }),
        await running.graphql(ExchangeQrCodeTicketDocument, { ticket: "x".repeat(65) }),
      ];

      expect(malformed.map((response) => onlyError(response.errors).extensions)).toEqual([
        expect.objectContaining({ code: "BAD_USER_INPUT", apiCode: 2000, field: "scanToken" }),
        expect.objectContaining({ code: "BAD_USER_INPUT", apiCode: 2000, field: "qrcodeId" }),
        expect.objectContaining({ code: "BAD_USER_INPUT", apiCode: 2000, field: "ticket" }),
      ]);
    });

    it("refuses a qrcodeId where the scan token belongs", async () => {
      const code = await issueCode(running);

      const response = await running.graphql(
        ScanQrCodeDocument,
        { input: { scanToken: code.qrcodeId } },
        bearer(alice),
      );

      expect(onlyError(response.errors).extensions).toMatchObject({ apiCode: 3000 });
    });

    it("never shows the ticket to the scanner, nor the status to another application", async () => {
      const code = await issueCode(running);
      const confirmed = await scanAndConfirm(running, code, alice);
      expect(JSON.stringify(confirmed)).not.toMatch(/ticket/i);

      const foreign = await running.graphql(
        QrCodeStatusDocument,
        { qrcodeId: code.qrcodeId },
        { "x-app-id": "acme" },
      );
      expect(onlyError(foreign.errors).extensions).toMatchObject({ apiCode: 3000 });
    });
  });

  it("answers subscription mistakes with the same codes as HTTP", async () => {
    const code = await issueCode(running);
    const anonymous = wsClient(running.baseUrl, {});
    const noApp = subscribe(anonymous, QrCodeStatusChangedDocument, { qrcodeId: code.qrcodeId });
    await noApp.ended;
    expect(noApp.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", apiCode: 2100 });
    await anonymous.dispose();

    const client = wsClient(running.baseUrl, { "x-app-id": "demo" });
    const results = await Promise.all(
      [
        "subscription { qrCodeStatusChanged(qrcodeId: 1) { nope } }",
        "subscription { qrCodeStatusChanged(",
      ].map(
        (query) =>
          new Promise<unknown>((resolve) => {
            client.subscribe(
              { query },
              { next: resolve, error: resolve, complete: () => resolve("complete") },
            );
          }),
      ),
    );
    const apiCodes = (results as { extensions: { apiCode: number } }[][]).map((errors) => [
      ...new Set(errors.map((error) => error.extensions.apiCode)),
    ]);
    expect(apiCodes).toEqual([[1003], [1002]]);
    await client.dispose();
  });

  it("paces polling: a second poll within pollIntervalMs gets TOO_MANY_REQUESTS with a retry-after", async () => {
    const clock = new ManualClock(Date.now());
    const paced = await startTestServer({ clock });
    try {
      const code = await issueCode(paced);

      const first = await paced.graphql(QrCodeStatusDocument, { qrcodeId: code.qrcodeId });
      clock.advance(100);
      const second = await paced.graphql(QrCodeStatusDocument, { qrcodeId: code.qrcodeId });

      expect(first.data?.qrCodeStatus.status).toBe("PENDING");
      const refusal = onlyError(second.errors).extensions;
      expect(refusal).toMatchObject({ code: "TOO_MANY_REQUESTS", statusCode: 429, apiCode: 3020 });
      expect(refusal.retryAfterMs).toBe(DEMO_APPLICATION.pollIntervalMs - 100);

      clock.advance(Number(refusal.retryAfterMs));
      const third = await paced.graphql(QrCodeStatusDocument, { qrcodeId: code.qrcodeId });
      expect(third.data?.qrCodeStatus.status).toBe("PENDING");
    } finally {
      await paced.close();
    }
  });

  it("publishes the signing key at /.well-known/jwks.json", async () => {
    const response = await fetch(`${running.baseUrl}/.well-known/jwks.json`);
    const body = (await response.json()) as { keys: Record<string, string>[] };

    expect(response.status).toBe(200);
    expect(body.keys).toEqual([
      expect.objectContaining({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig" }),
    ]);
    expect(body.keys[0]).not.toHaveProperty("d");
  });
});
