import { decodeJwt } from "jose";

import { decryptReply, pushEvent } from "../../scripts/fake-wechat/fake-wechat-push";
import {
  ExchangeQrCodeTicketDocument,
  QrCodeStatusChangedDocument,
  QrCodeStatusDocument,
  ScanQrCodeDocument,
} from "../../src/__generated__/client";
import { decodePngQr } from "../support/decode-qr";
import {
  LOGIN_REPLY,
  OA_AES_KEY,
  OA_APP_ID,
  OA_SECRET,
  officialAccountConnection,
  pushTarget,
  SAFE_OA_CONNECTION_ID,
  safeModeConnection,
} from "../support/official-account";
import { subscribe, wsClient } from "../support/status-feed";
import { type RunningServer, startTestServer } from "../support/test-server";
import {
  FakeWeChat,
  generateWeChatCode,
  miniProgramApplication,
  miniProgramConnection,
  MP_APP_ID,
  MP_SECRET,
  WX_HEADERS,
} from "../support/wechat";

describe("logging in by following the company's official account", () => {
  let fake: FakeWeChat;
  let running: RunningServer;

  beforeAll(async () => {
    fake = await FakeWeChat.start([
      { appId: OA_APP_ID, secret: OA_SECRET },
      { appId: "wx-oa-bound", secret: "bound-secret", unionOf: (openid) => `union-${openid}` },
      { appId: MP_APP_ID, secret: MP_SECRET },
    ]);
    running = await startTestServer({
      applications: [
        miniProgramApplication([
          officialAccountConnection(),
          safeModeConnection(),
          officialAccountConnection({
            id: "acme-oa-bound",
            wechat: { appId: "wx-oa-bound", appSecret: "bound-secret" },
            officialAccount: { token: "bound-token", openPlatform: true },
          }),
          miniProgramConnection(),
        ]),
      ],
      wechatBaseUrl: fake.url,
    });
  });

  afterAll(async () => {
    await running.close();
    await fake.close();
  });

  function generate(input: Record<string, unknown> = {}) {
    return generateWeChatCode(running, input, "WECHAT_OFFICIAL_ACCOUNT");
  }

  async function statusOf(qrcodeId: string) {
    const response = await running.graphql(QrCodeStatusDocument, { qrcodeId }, WX_HEADERS);
    return response.data?.qrCodeStatus;
  }

  it("draws its image from the URL of WeChat's parametric code", async () => {
    const code = await generate();

    expect(code.url).toMatch(/\/qrcode\/[A-Za-z0-9]{32}\.png$/);
    const image = await fetch(running.baseUrl + new URL(code.url).pathname);
    expect(decodePngQr(Buffer.from(await image.arrayBuffer()))).toMatch(
      /^http:\/\/weixin\.qq\.com\/q\//,
    );
    expect(fake.calls("/cgi-bin/qrcode/create")).toBeGreaterThanOrEqual(1);
  });

  it("logs in on a SCAN event in plain mode: SCANNED, AUTHORIZED, the ticket, the reply text", async () => {
    const code = await generate({ context: { campaign: "winter" } });
    const client = wsClient(running.baseUrl, WX_HEADERS);
    const feed = subscribe(client, QrCodeStatusChangedDocument, { qrcodeId: code.qrcodeId });
    await feed.next(1);

    const attempts = await pushEvent(pushTarget(running.baseUrl), {
      openid: "openid-alice",
      event: "SCAN",
      eventKey: code.scanToken,
    });

    expect(attempts).toHaveLength(1);
    expect(attempts[0]?.body).toContain(`<Content><![CDATA[${LOGIN_REPLY}]]></Content>`);
    expect(attempts[0]?.body).toContain("<ToUserName><![CDATA[openid-alice]]></ToUserName>");
    const events = await feed.next(3);
    client.dispose();
    expect(events.map((event) => event.qrCodeStatusChanged.status)).toEqual([
      "PENDING",
      "SCANNED",
      "AUTHORIZED",
    ]);
    const ticket = events[2]?.qrCodeStatusChanged.ticket ?? "";
    const exchanged = await running.graphql(ExchangeQrCodeTicketDocument, { ticket }, WX_HEADERS);
    const idToken = decodeJwt(exchanged.data?.exchangeQRCodeTicket.idToken ?? "");
    expect(idToken).toMatchObject({
      sub: `wechat:${OA_APP_ID}:openid-alice`,
      connection: "acme-oa",
    });
    // WeChat gives servers no nickname: the page greets "WeChat user", never the user id.
    expect(events[2]?.qrCodeStatusChanged.briefUserInfo?.displayName).toBe("WeChat user");
    expect(exchanged.data?.exchangeQRCodeTicket.user.displayName).toBe("WeChat user");
  });

  it.each(["safe", "compatible"] as const)(
    "logs in on a subscribe event with a qrscene_ key in %s mode, with an encrypted reply",
    async (mode) => {
      const code = await generate({ extIdpConnId: SAFE_OA_CONNECTION_ID });

      const [attempt] = await pushEvent(pushTarget(running.baseUrl, mode, SAFE_OA_CONNECTION_ID), {
        openid: `openid-${mode}`,
        event: "subscribe",
        eventKey: `qrscene_${code.scanToken}`,
      });

      expect(attempt?.status).toBe(200);
      const encrypted = /<Encrypt><!\[CDATA\[([^\]]+)\]\]><\/Encrypt>/.exec(
        attempt?.body ?? "",
      )?.[1];
      expect(decryptReply(OA_AES_KEY, encrypted ?? "")).toContain(LOGIN_REPLY);
      expect((await statusOf(code.qrcodeId))?.status).toBe("AUTHORIZED");
    },
  );

  it("logs in once for the same event delivered three times, with the same answer each time", async () => {
    const code = await generate();
    const event = {
      openid: "openid-bob",
      event: "SCAN" as const,
      eventKey: code.scanToken,
      createTime: Math.floor(Date.now() / 1000),
    };

    const answers = [];
    for (let delivery = 0; delivery < 3; delivery += 1) {
      answers.push(...(await pushEvent(pushTarget(running.baseUrl), event)));
    }

    expect(answers).toHaveLength(3);
    expect(new Set(answers.map((answer) => answer.body.replace(/<CreateTime>\d+/, ""))).size).toBe(
      1,
    );
    expect((await statusOf(code.qrcodeId))?.status).toBe("AUTHORIZED");
  });

  it("names the person by unionid when the account is bound to an open platform", async () => {
    const code = await generate({ extIdpConnId: "acme-oa-bound" });
    const target = {
      ...pushTarget(running.baseUrl, "plain", "acme-oa-bound"),
      token: "bound-token",
    };

    const [attempt] = await pushEvent(target, {
      openid: "openid-carol",
      event: "SCAN",
      eventKey: code.scanToken,
    });

    expect(attempt?.body).toBe("success");
    const ticket = (await statusOf(code.qrcodeId))?.ticket ?? "";
    const exchanged = await running.graphql(ExchangeQrCodeTicketDocument, { ticket }, WX_HEADERS);
    expect(exchanged.data?.exchangeQRCodeTicket.user.id).toBe("wechat-union:union-openid-carol");
  });

  it.each([
    ["a plain follow", { event: "subscribe" as const }],
    ["an unknown scene", { event: "SCAN" as const, eventKey: "NoSuchSceneNoSuchSceneNoSuchScen" }],
    ["a menu click", { event: "CLICK" as const, eventKey: "menu" }],
    ["a text message", { event: "SCAN" as const, msgType: "text" }],
  ])("acknowledges %s and changes nothing", async (_case, event) => {
    const code = await generate();

    const [attempt] = await pushEvent(pushTarget(running.baseUrl), {
      openid: "openid-dave",
      ...event,
    });

    expect(attempt).toMatchObject({ status: 200, body: "success" });
    expect((await statusOf(code.qrcodeId))?.status).toBe("PENDING");
  });

  it("has no scanner calls: scanQRCode on an official account code is refused", async () => {
    const code = await generate();

    const response = await running.graphql(ScanQrCodeDocument, {
      input: { scanToken: code.scanToken },
    });

    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      apiCode: 2011,
    });
  });
});
