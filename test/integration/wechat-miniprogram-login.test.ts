import { type TypedDocumentNode } from "@graphql-typed-document-node/core";
import { decodeJwt } from "jose";

import {
  CancelQrCodeDocument,
  ConfirmQrCodeDocument,
  ExchangeQrCodeTicketDocument,
  GenerateQrCodeDocument,
  QrCodeStatusChangedDocument,
  ScanQrCodeDocument,
  type ScanQrCodeInput,
} from "../../src/__generated__/client";
import { DEMO_APPLICATION } from "../../src/config/demo-application";
import { bearer, demoUserToken, issueCode } from "../support/login-flow";
import { deleteKeys, uniqueKeyPrefix } from "../support/redis";
import { subscribe, wsClient } from "../support/status-feed";
import { type RunningServer, startTestServer } from "../support/test-server";
import {
  FakeWeChat,
  generateWeChatCode,
  miniProgramApplication,
  miniProgramConnection,
  MP_APP_ID,
  MP_SECRET,
  scanTokenOf,
  withTwoWeChatReplicas,
  withWeChatLoginHook,
  WX_HEADERS,
} from "../support/wechat";

describe("logging in with the company's WeChat mini program", () => {
  let fake: FakeWeChat;
  let running: RunningServer;

  beforeAll(async () => {
    fake = await FakeWeChat.start([
      { appId: MP_APP_ID, secret: MP_SECRET },
      { appId: "wx-bound", secret: "bound-secret", unionOf: (openid) => `union-${openid}` },
    ]);
    running = await startTestServer({
      applications: [
        miniProgramApplication([
          miniProgramConnection(),
          miniProgramConnection({
            id: "acme-mp-bound",
            wechat: { appId: "wx-bound", appSecret: "bound-secret" },
          }),
        ]),
        DEMO_APPLICATION,
      ],
      wechatBaseUrl: fake.url,
    });
  });

  afterAll(async () => {
    await running.close();
    await fake.close();
  });

  function generate(input: Record<string, unknown> = {}) {
    return generateWeChatCode(running, input);
  }

  /** A scanner call as the mini program makes it: no x-app-id, no bearer, a fresh wx.login code. */
  function scannerCall<TData>(
    document: TypedDocumentNode<TData, { input: ScanQrCodeInput }>,
    input: Record<string, unknown>,
    headers: Record<string, string> = {},
  ) {
    return running.graphql(document, { input } as never, { "x-app-id": "", ...headers });
  }

  it("runs end to end: generate, scan and confirm with fresh wx.login codes, status by subscription, ticket, tokens", async () => {
    const code = await generate({ context: { campaign: "winter" } });
    const client = wsClient(running.baseUrl, WX_HEADERS);
    const feed = subscribe(client, QrCodeStatusChangedDocument, { qrcodeId: code.qrcodeId });
    await feed.next(1);

    const scanned = await scannerCall(ScanQrCodeDocument, {
      scanToken: code.scanToken,
      wxCode: fake.mintLoginCode(MP_APP_ID, "openid-alice"),
      displayName: "Alice",
      photo: "https://img.test/alice.png",
    });
    expect(scanned.data?.scanQRCode).toMatchObject({
      status: "SCANNED",
      applicationName: "Acme WeChat",
    });
    const confirmed = await scannerCall(ConfirmQrCodeDocument, {
      scanToken: code.scanToken,
      wxCode: fake.mintLoginCode(MP_APP_ID, "openid-alice"),
    });
    expect(confirmed.data?.confirmQRCode.status).toBe("AUTHORIZED");

    const events = await feed.next(3);
    client.dispose();
    expect(events.map((event) => event.qrCodeStatusChanged.status)).toEqual([
      "PENDING",
      "SCANNED",
      "AUTHORIZED",
    ]);
    expect(events[1]?.qrCodeStatusChanged.briefUserInfo).toEqual({
      displayName: "Alice",
      photo: "https://img.test/alice.png",
    });
    const ticket = events[2]?.qrCodeStatusChanged.ticket ?? "";
    const exchanged = await running.graphql(ExchangeQrCodeTicketDocument, { ticket }, WX_HEADERS);
    const login = exchanged.data?.exchangeQRCodeTicket;
    expect(login?.user).toMatchObject({
      id: `wechat:${MP_APP_ID}:openid-alice`,
      displayName: "Alice",
    });
    expect(decodeJwt(login?.idToken ?? "")).toMatchObject({
      sub: `wechat:${MP_APP_ID}:openid-alice`,
      name: "Alice",
      picture: "https://img.test/alice.png",
      connection: "acme-mp",
    });
  });

  it("shows the profile the confirm brought in the status's briefUserInfo, as the ID token has it, and 'WeChat user' when none was given", async () => {
    const status = (qrcodeId: string) =>
      running.graphql(
        `{ qrCodeStatus(qrcodeId: "${qrcodeId}") { briefUserInfo { displayName photo } } }`,
        undefined,
        WX_HEADERS,
      ) as Promise<{ data?: { qrCodeStatus: { briefUserInfo: unknown } } }>;
    const named = await generate();
    const nameless = await generate();
    for (const [code, profile] of [
      [named, { displayName: "Bea", photo: "https://img.test/bea.png" }],
      [nameless, {}],
    ] as const) {
      const login = { scanToken: code.scanToken };
      await scannerCall(ScanQrCodeDocument, {
        ...login,
        wxCode: fake.mintLoginCode(MP_APP_ID, "openid-bea"),
      });
      await scannerCall(ConfirmQrCodeDocument, {
        ...login,
        wxCode: fake.mintLoginCode(MP_APP_ID, "openid-bea"),
        ...profile,
      });
    }

    expect((await status(named.qrcodeId)).data?.qrCodeStatus.briefUserInfo).toEqual({
      displayName: "Bea",
      photo: "https://img.test/bea.png",
    });
    expect((await status(nameless.qrcodeId)).data?.qrCodeStatus.briefUserInfo).toEqual({
      displayName: "WeChat user",
      photo: null,
    });
  });

  it("names the user by unionid when the mini program is bound to an open platform account", async () => {
    const code = await generate({ extIdpConnId: "acme-mp-bound" });
    const wxCode = () => fake.mintLoginCode("wx-bound", "openid-bob");

    await scannerCall(ScanQrCodeDocument, { scanToken: code.scanToken, wxCode: wxCode() });
    await scannerCall(ConfirmQrCodeDocument, { scanToken: code.scanToken, wxCode: wxCode() });

    const status = await running.graphql(
      `query($id: String!) { qrCodeStatus(qrcodeId: $id) { ticket } }`,
      { id: code.qrcodeId },
      WX_HEADERS,
    );
    const ticket = (status.data as { qrCodeStatus: { ticket: string } } | undefined)?.qrCodeStatus
      .ticket;
    const exchanged = await running.graphql(
      ExchangeQrCodeTicketDocument,
      { ticket: ticket ?? "" },
      WX_HEADERS,
    );
    expect(exchanged.data?.exchangeQRCodeTicket.user.id).toBe("wechat-union:union-openid-bob");
  });

  it.each<
    [string, (scanToken: string) => Record<string, unknown>, Record<string, string>, string, number]
  >([
    [
      "a made-up wxCode",
      (scanToken) => ({ scanToken, wxCode: "made-up-code" }),
      {},
      "UNAUTHENTICATED",
      4021,
    ],
    ["no wxCode", (scanToken) => ({ scanToken }), {}, "UNAUTHENTICATED", 4020],
    [
      "a bearer token instead of a wxCode",
      (scanToken) => ({ scanToken }),
      { authorization: "Bearer some.app.token" },
      "UNAUTHENTICATED",
      4020,
    ],
    [
      "a photo that is not an https URL",
      (scanToken) => ({ scanToken, wxCode: "abc", photo: "javascript:alert(1)" }),
      {},
      "BAD_USER_INPUT",
      2000,
    ],
  ])("refuses a scan with %s", async (_case, input, headers, code, apiCode) => {
    const { scanToken } = await generate();

    const response = await scannerCall(ScanQrCodeDocument, input(scanToken), headers);

    expect(response.errors?.[0]?.extensions).toMatchObject({ code, apiCode });
  });

  it("refuses a wx.login code used twice", async () => {
    const { scanToken } = await generate();
    const wxCode = fake.mintLoginCode(MP_APP_ID, "openid-carol");
    await scannerCall(ScanQrCodeDocument, { scanToken, wxCode });

    const again = await scannerCall(ConfirmQrCodeDocument, { scanToken, wxCode });

    expect(again.errors?.[0]?.extensions).toMatchObject({ apiCode: 4022, wechatErrcode: 40163 });
  });

  it("refuses a risky user and WeChat's login rate limit with their own codes", async () => {
    const { scanToken } = await generate();
    fake.faults.add("/sns/jscode2session", { errcode: 40226 });
    fake.faults.add("/sns/jscode2session", { errcode: 45011 });

    const risky = await scannerCall(ScanQrCodeDocument, { scanToken, wxCode: "abc" });
    const limited = await scannerCall(ScanQrCodeDocument, { scanToken, wxCode: "abc" });

    expect(risky.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", apiCode: 4023 });
    expect(limited.errors?.[0]?.extensions).toMatchObject({
      code: "TOO_MANY_REQUESTS",
      apiCode: 6004,
    });
  });

  it("lets only the person who scanned confirm", async () => {
    const { scanToken } = await generate();
    await scannerCall(ScanQrCodeDocument, {
      scanToken,
      wxCode: fake.mintLoginCode(MP_APP_ID, "openid-dave"),
    });

    const other = await scannerCall(ConfirmQrCodeDocument, {
      scanToken,
      wxCode: fake.mintLoginCode(MP_APP_ID, "openid-mallory"),
    });
    const cancelled = await scannerCall(CancelQrCodeDocument, {
      scanToken,
      wxCode: fake.mintLoginCode(MP_APP_ID, "openid-dave"),
    });

    expect(other.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
    expect(other.errors?.[0]?.extensions?.apiCode).toBe(3005);
    expect(cancelled.data?.cancelQRCode.status).toBe("CANCELLED");
  });

  it("refuses a wxCode on a MOBILE_APP code", async () => {
    const code = await issueCode(running);
    const token = await demoUserToken("erin");

    const response = await running.graphql(
      ScanQrCodeDocument,
      { input: { scanToken: code.scanToken, wxCode: "abc" } },
      bearer(token),
    );

    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      apiCode: 2010,
      field: "wxCode",
    });
  });
});

describe("the login hook of a mini program login", () => {
  it("gets the code's context, the connection and the WeChat identity", async () => {
    const app = { appId: MP_APP_ID, secret: MP_SECRET };
    await withWeChatLoginHook(
      app,
      miniProgramConnection(),
      { timeoutMs: 2000 },
      async (running, fake, calls) => {
        const generated = await running.graphql(
          GenerateQrCodeDocument,
          { input: { type: "WECHAT_MINIPROGRAM", context: { campaign: "winter" } } },
          WX_HEADERS,
        );
        const scanToken = scanTokenOf(generated.data?.generateQRCode.url ?? "");
        const proof = () => ({
          input: { scanToken, wxCode: fake.mintLoginCode(MP_APP_ID, "openid-frank") },
        });
        await running.graphql(ScanQrCodeDocument, proof());
        await running.graphql(ConfirmQrCodeDocument, proof());

        expect(calls).toHaveLength(1);
        expect(calls[0]).toMatchObject({
          type: "WECHAT_MINIPROGRAM",
          context: { campaign: "winter" },
          connection: { id: "acme-mp", type: "WECHAT_MINIPROGRAM" },
          user: {
            id: `wechat:${MP_APP_ID}:openid-frank`,
            wechat: { appId: MP_APP_ID, openid: "openid-frank" },
          },
        });
      },
    );
  });
});

describe("mini program logins across two replicas sharing Redis", () => {
  const keyPrefix = uniqueKeyPrefix("wechat-replicas");

  afterAll(() => deleteKeys(keyPrefix));

  it("make one token call for both, and a scan on one reaches a subscriber on the other", async () => {
    const apps = [{ appId: MP_APP_ID, secret: MP_SECRET }];
    await withTwoWeChatReplicas(apps, miniProgramConnection(), keyPrefix, async (a, b, fake) => {
      const generate = (replica: RunningServer) =>
        replica.graphql(
          GenerateQrCodeDocument,
          { input: { type: "WECHAT_MINIPROGRAM" } },
          WX_HEADERS,
        );
      await Promise.all([generate(a), generate(b), generate(a), generate(b)]);
      const code = (await generate(b)).data?.generateQRCode;
      expect(fake.calls("/cgi-bin/stable_token")).toBe(1);

      const image = await fetch(a.baseUrl + new URL(code?.url ?? "").pathname);
      expect(image.headers.get("content-type")).toBe("image/jpeg");
      const client = wsClient(b.baseUrl, WX_HEADERS);
      const feed = subscribe(client, QrCodeStatusChangedDocument, {
        qrcodeId: code?.qrcodeId ?? "",
      });
      await feed.next(1);
      await a.graphql(ScanQrCodeDocument, {
        input: {
          scanToken: scanTokenOf(code?.url ?? ""),
          wxCode: fake.mintLoginCode(MP_APP_ID, "openid-gina"),
          displayName: "Gina",
        },
      });

      const events = await feed.next(2);
      client.dispose();
      expect(events[1]?.qrCodeStatusChanged).toMatchObject({
        status: "SCANNED",
        briefUserInfo: { displayName: "Gina" },
      });
    });
  });
});
