import { setTimeout } from "node:timers/promises";

import { pushEvent } from "../../scripts/fake-wechat/fake-wechat-push";
import { QrCodeStatusDocument } from "../../src/__generated__/client";
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
import { type RunningServer, startTestServer } from "../support/test-server";
import {
  FakeWeChat,
  generateWeChatCode,
  miniProgramApplication,
  WX_HEADERS,
} from "../support/wechat";

/** The page polls no faster than its application's pace (miniProgramApplication: 100 ms). */
const POLL_INTERVAL_MS = 110;

function signature(timestamp: string, nonce: string): string {
  return wechatSha1(OA_TOKEN, timestamp, nonce);
}

function scanXml(openid: string, scanToken: string): string {
  return `<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[SCAN]]></Event><EventKey><![CDATA[${scanToken}]]></EventKey></xml>`;
}

/** A plain-mode push under a query the test chooses (as one read from an access log). */
function postUnder(
  running: RunningServer,
  query: URLSearchParams,
  body: string,
  connectionId = "acme-oa",
): Promise<Response> {
  return fetch(`${running.baseUrl}/wechat/${connectionId}/callback?${query}`, {
    method: "POST",
    headers: { "content-type": "text/xml" },
    body,
  });
}

async function apiCodeOf(response: Response): Promise<number | undefined> {
  const body = (await response.json()) as { errors?: { extensions: { apiCode: number } }[] };
  return body.errors?.[0]?.extensions.apiCode;
}

describe("an official account push cannot be replayed with another body, nor safe mode skipped", () => {
  let fake: FakeWeChat;
  let running: RunningServer;

  beforeAll(async () => {
    fake = await FakeWeChat.start([{ appId: OA_APP_ID, secret: OA_SECRET }]);
    running = await startTestServer({
      applications: [miniProgramApplication([officialAccountConnection(), safeModeConnection()])],
      wechatBaseUrl: fake.url,
    });
  });

  afterAll(async () => {
    await running.close();
    await fake.close();
  });

  const statusOf = async (qrcodeId: string) =>
    (await running.graphql(QrCodeStatusDocument, { qrcodeId }, WX_HEADERS)).data?.qrCodeStatus
      .status;

  it("refuses the victim's logged push URL with the attacker's code in the body; WeChat's retry of the same body gets the first answer", async () => {
    const victims = await generateWeChatCode(running, {}, "WECHAT_OFFICIAL_ACCOUNT");
    const attackers = await generateWeChatCode(running, {}, "WECHAT_OFFICIAL_ACCOUNT");
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = "739212";
    const logged = new URLSearchParams({
      signature: signature(timestamp, nonce),
      timestamp,
      nonce,
      openid: "openid-victim",
    });
    const pushed = scanXml("openid-victim", victims.scanToken);
    const first = await postUnder(running, logged, pushed);
    expect(first.status).toBe(200);
    const firstAnswer = await first.text();

    const replayed = await postUnder(
      running,
      logged,
      scanXml("openid-victim", attackers.scanToken),
    );
    const retried = await postUnder(running, logged, pushed);

    expect(replayed.status).toBe(403);
    expect(await apiCodeOf(replayed)).toBe(6016);
    expect(await statusOf(attackers.qrcodeId)).toBe("PENDING");
    expect(retried.status).toBe(200);
    expect(await retried.text()).toBe(firstAnswer);
    expect(await statusOf(victims.qrcodeId)).toBe("AUTHORIZED");
  });

  it("refuses a plain push to a connection that has an encodingAESKey, and takes its safe-mode push", async () => {
    const code = await generateWeChatCode(
      running,
      { extIdpConnId: SAFE_OA_CONNECTION_ID },
      "WECHAT_OFFICIAL_ACCOUNT",
    );
    const timestamp = String(Math.floor(Date.now() / 1000));
    const query = new URLSearchParams({
      signature: signature(timestamp, "1"),
      timestamp,
      nonce: "1",
      openid: "openid-plain",
    });

    const plain = await postUnder(
      running,
      query,
      scanXml("openid-plain", code.scanToken),
      SAFE_OA_CONNECTION_ID,
    );

    expect(plain.status).toBe(401);
    expect(await apiCodeOf(plain)).toBe(6015);
    expect(await statusOf(code.qrcodeId)).toBe("PENDING");
    const [safe] = await pushEvent(pushTarget(running.baseUrl, "safe", SAFE_OA_CONNECTION_ID), {
      openid: "openid-safe",
      event: "SCAN",
      eventKey: code.scanToken,
    });
    expect(safe?.status).toBe(200);
    await setTimeout(POLL_INTERVAL_MS);
    expect(await statusOf(code.qrcodeId)).toBe("AUTHORIZED");
  });
});

describe("an unsigned flood does not spend an official account's callback budget", () => {
  it("keeps WeChat's real push within the budget after 200 unsigned requests", async () => {
    const fake = await FakeWeChat.start([{ appId: OA_APP_ID, secret: OA_SECRET }]);
    const running = await startTestServer({
      applications: [miniProgramApplication([officialAccountConnection()])],
      wechatBaseUrl: fake.url,
      limits: { wechatCallbackLimit: { perClientIp: 5, windowSeconds: 60 } },
    });
    try {
      const code = await generateWeChatCode(running, {}, "WECHAT_OFFICIAL_ACCOUNT");
      const junk = new URLSearchParams({ signature: "0".repeat(40), timestamp: "1", nonce: "1" });

      const refused = await Promise.all(
        Array.from({ length: 200 }, () => postUnder(running, junk, "<xml/>")),
      );
      const attempts = await pushEvent(pushTarget(running.baseUrl), {
        openid: "openid-real",
        event: "SCAN",
        eventKey: code.scanToken,
      });

      expect(new Set(refused.map((response) => response.status))).toEqual(new Set([401]));
      expect(attempts.map((attempt) => attempt.status)).toEqual([200]);
      const status = await running.graphql(
        QrCodeStatusDocument,
        { qrcodeId: code.qrcodeId },
        WX_HEADERS,
      );
      expect(status.data?.qrCodeStatus.status).toBe("AUTHORIZED");
    } finally {
      await running.close();
      await fake.close();
    }
  });
});
