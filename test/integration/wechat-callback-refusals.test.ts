import { pushEvent } from "../../scripts/fake-wechat/fake-wechat-push";
import { QrCodeStatusChangedDocument, QrCodeStatusDocument } from "../../src/__generated__/client";
import {
  OA_APP_ID,
  OA_SECRET,
  OA_TOKEN,
  officialAccountConnection,
  pushTarget,
  SAFE_OA_CONNECTION_ID,
  safeModeConnection,
  wechatSha1,
} from "../support/official-account";
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
  withTwoWeChatReplicas,
  withWeChatLoginHook,
  WX_HEADERS,
} from "../support/wechat";

/** A signed plain-mode push of `body`, with the query's parts overridable. */
async function post(
  baseUrl: string,
  body: string | Buffer,
  overrides: Record<string, string> = {},
  connectionId = "acme-oa",
): Promise<Response> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(Math.floor(Math.random() * 1e9));
  const query = new URLSearchParams({
    timestamp,
    nonce,
    signature: wechatSha1(OA_TOKEN, timestamp, nonce),
    ...overrides,
  });
  return fetch(`${baseUrl}/wechat/${connectionId}/callback?${query}`, {
    method: "POST",
    headers: { "content-type": "text/xml" },
    body: typeof body === "string" ? body : new Uint8Array(body),
  });
}

function scanXml(scanToken: string): string {
  return `<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[openid-x]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[SCAN]]></Event><EventKey><![CDATA[${scanToken}]]></EventKey></xml>`;
}

describe("the official account callback refuses what is not WeChat's, and changes nothing", () => {
  let fake: FakeWeChat;
  let running: RunningServer;

  beforeAll(async () => {
    fake = await FakeWeChat.start([
      { appId: OA_APP_ID, secret: OA_SECRET },
      { appId: MP_APP_ID, secret: MP_SECRET },
    ]);
    running = await startTestServer({
      applications: [
        miniProgramApplication([
          officialAccountConnection(),
          safeModeConnection(),
          officialAccountConnection({
            id: "documented",
            officialAccount: { token: "AAAAA", openPlatform: false },
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

  it("answers URL verification with WeChat's documented example", async () => {
    const query =
      "signature=f464b24fc39322e44b38aa78f5edd27bd1441696&timestamp=1714036504&nonce=1514711492&echostr=4375120948345356249";

    const good = await fetch(`${running.baseUrl}/wechat/documented/callback?${query}`);
    const bad = await fetch(
      `${running.baseUrl}/wechat/documented/callback?${query.replace("f464", "0000")}`,
    );

    expect(good.status).toBe(200);
    expect(good.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await good.text()).toBe("4375120948345356249");
    expect(bad.status).toBe(401);
    expect(await bad.text()).not.toContain("4375120948345356249");
  });

  it.each<[string, (scanToken: string) => Promise<Response>, number, number]>([
    [
      "a wrong signature",
      (t) => post(running.baseUrl, scanXml(t), { signature: "0".repeat(40) }),
      401,
      6011,
    ],
    [
      "a timestamp ten minutes old",
      (t) => {
        const old = String(Math.floor(Date.now() / 1000) - 600);
        return post(running.baseUrl, scanXml(t), {
          timestamp: old,
          nonce: "12345",
          signature: wechatSha1(OA_TOKEN, old, "12345"),
        });
      },
      401,
      6012,
    ],
    [
      "a body over 64 KiB",
      (t) => post(running.baseUrl, scanXml(t) + " ".repeat(70_000)),
      413,
      1006,
    ],
    [
      "a DOCTYPE",
      (t) => post(running.baseUrl, `<!DOCTYPE xml [<!ENTITY x "y">]>${scanXml(t)}`),
      400,
      6013,
    ],
    ["XML that does not parse", (t) => post(running.baseUrl, `<xml><FromUserName>${t}`), 400, 6013],
    [
      "a safe-mode push to a connection with no encodingAESKey",
      (t) => post(running.baseUrl, scanXml(t), { encrypt_type: "aes" }),
      400,
      6013,
    ],
    [
      "a safe-mode push without msg_signature",
      (t) =>
        post(
          running.baseUrl,
          `<xml><Encrypt><![CDATA[${t}]]></Encrypt></xml>`,
          { encrypt_type: "aes" },
          SAFE_OA_CONNECTION_ID,
        ),
      401,
      6011,
    ],
    ["an unknown connection", (t) => post(running.baseUrl, scanXml(t), {}, "nope"), 404, 6010],
    [
      "a connection that is not an official account",
      (t) => post(running.baseUrl, scanXml(t), {}, "acme-mp"),
      404,
      6010,
    ],
  ])("refuses %s", async (_case, send, status, apiCode) => {
    const code = await generateWeChatCode(running, {}, "WECHAT_OFFICIAL_ACCOUNT");

    const response = await send(code.scanToken);

    expect(response.status).toBe(status);
    const body = (await response.json()) as { errors: { extensions: { apiCode: number } }[] };
    expect(body.errors[0]?.extensions.apiCode).toBe(apiCode);
    const after = await running.graphql(
      QrCodeStatusDocument,
      { qrcodeId: code.qrcodeId },
      WX_HEADERS,
    );
    expect(after.data?.qrCodeStatus.status).toBe("PENDING");
  });

  it("refuses a safe-mode message encrypted for another appId", async () => {
    const code = await generateWeChatCode(
      running,
      { extIdpConnId: SAFE_OA_CONNECTION_ID },
      "WECHAT_OFFICIAL_ACCOUNT",
    );

    const [attempt] = await pushEvent(
      {
        ...pushTarget(running.baseUrl, "safe", SAFE_OA_CONNECTION_ID),
        appId: "wx-someone-else",
      },
      { openid: "openid-x", event: "SCAN", eventKey: code.scanToken },
    );

    expect(attempt?.status).toBe(400);
    const after = await running.graphql(
      QrCodeStatusDocument,
      { qrcodeId: code.qrcodeId },
      WX_HEADERS,
    );
    expect(after.data?.qrCodeStatus.status).toBe("PENDING");
  });
});

describe("a slow login hook behind the official account callback", () => {
  it("does not hold WeChat's answer past 5 s, and the login still completes", async () => {
    const app = { appId: OA_APP_ID, secret: OA_SECRET };
    const hook = { timeoutMs: 8000, answerAfterMs: 5500 };
    await withWeChatLoginHook(
      app,
      officialAccountConnection(),
      hook,
      async (running, _fake, calls) => {
        const code = await generateWeChatCode(
          running,
          { context: { from: "oa" } },
          "WECHAT_OFFICIAL_ACCOUNT",
        );
        const client = wsClient(running.baseUrl, WX_HEADERS);
        const feed = subscribe(client, QrCodeStatusChangedDocument, { qrcodeId: code.qrcodeId });
        await feed.next(1);

        const attempts = await pushEvent(pushTarget(running.baseUrl), {
          openid: "openid-slow",
          event: "SCAN",
          eventKey: code.scanToken,
        });

        expect(attempts).toHaveLength(1);
        expect(attempts[0]).toMatchObject({ status: 200, body: "success" });
        expect(attempts[0]?.ms).toBeLessThan(5000);
        const events = await feed.next(3);
        client.dispose();
        expect(events[2]?.qrCodeStatusChanged.status).toBe("AUTHORIZED");
        expect(calls[0]).toMatchObject({
          type: "WECHAT_OFFICIAL_ACCOUNT",
          context: { from: "oa" },
          user: { wechat: { appId: OA_APP_ID, openid: "openid-slow" } },
        });
      },
    );
  }, 20_000);
});

describe("official account logins across two replicas sharing Redis", () => {
  const keyPrefix = uniqueKeyPrefix("oa-replicas");

  afterAll(() => deleteKeys(keyPrefix));

  it("reach a page subscribed on one replica when the event lands on the other", async () => {
    const apps = [{ appId: OA_APP_ID, secret: OA_SECRET }];
    await withTwoWeChatReplicas(apps, officialAccountConnection(), keyPrefix, async (a, b) => {
      const code = await generateWeChatCode(a, {}, "WECHAT_OFFICIAL_ACCOUNT");
      const client = wsClient(a.baseUrl, WX_HEADERS);
      const feed = subscribe(client, QrCodeStatusChangedDocument, { qrcodeId: code.qrcodeId });
      await feed.next(1);
      const event = {
        openid: "openid-r",
        event: "SCAN" as const,
        eventKey: code.scanToken,
        createTime: 7,
      };

      const first = await pushEvent(pushTarget(b.baseUrl), event);
      const again = await pushEvent(pushTarget(a.baseUrl), event);

      const events = await feed.next(3);
      client.dispose();
      expect(events.map((e) => e.qrCodeStatusChanged.status)).toEqual([
        "PENDING",
        "SCANNED",
        "AUTHORIZED",
      ]);
      expect(again[0]?.body).toBe(first[0]?.body);
    });
  });
});
