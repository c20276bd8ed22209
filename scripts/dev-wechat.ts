import "reflect-metadata";

import { DEMO_APPLICATION } from "../src/config/demo-application";
import { loadConfig } from "../src/config/load-config";
import { createServer } from "../src/server";
import { FakeWeChat } from "./fake-wechat/fake-wechat-server";

/** The demo's WeChat apps, known only to the fake WeChat this script starts. */
const DEMO_MINI_PROGRAM = { appId: "wx-demo-miniprogram", secret: "demo-mini-program-secret" };
const DEMO_OFFICIAL_ACCOUNT = { appId: "wx-demo-official", secret: "demo-official-secret" };
const DEMO_OA_TOKEN = "demo-official-account-token";
const DEMO_OA_AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
const FAKE_WECHAT_PORT = Number(process.env.FAKE_WECHAT_PORT ?? 4010);

/**
 * `npm run dev:wechat`: the service with the demo application, plus a WECHAT_MINIPROGRAM
 * connection, against a fake WeChat on loopback, so the whole mini program flow runs on one
 * machine with no WeChat account. Prints how to play the mini program from a shell.
 */
async function main(): Promise<void> {
  const fake = await FakeWeChat.start([DEMO_MINI_PROGRAM, DEMO_OFFICIAL_ACCOUNT], FAKE_WECHAT_PORT);
  const config = loadConfig({ ...process.env, WECHAT_API_BASE_URL: fake.url });
  const server = await createServer({
    config: {
      ...config,
      source: "dev:wechat",
      applications: [
        {
          ...DEMO_APPLICATION,
          connections: [
            ...DEMO_APPLICATION.connections,
            {
              id: "demo-miniprogram",
              type: "WECHAT_MINIPROGRAM",
              enabled: true,
              logoUrl: `${fake.url}/__fake/logo.png`,
              settings: {
                wechat: { appId: DEMO_MINI_PROGRAM.appId, appSecret: DEMO_MINI_PROGRAM.secret },
                miniProgram: { envVersion: "develop", width: 430, checkPath: false },
              },
            },
            {
              id: "demo-official-account",
              type: "WECHAT_OFFICIAL_ACCOUNT",
              enabled: true,
              settings: {
                wechat: {
                  appId: DEMO_OFFICIAL_ACCOUNT.appId,
                  appSecret: DEMO_OFFICIAL_ACCOUNT.secret,
                },
                officialAccount: {
                  token: DEMO_OA_TOKEN,
                  encodingAESKey: DEMO_OA_AES_KEY,
                  loginReply: "登录成功，请回到网页",
                  openPlatform: false,
                },
              },
            },
          ],
        },
      ],
    },
  });
  const base = await server.listen();
  fake.pushTarget = {
    callbackUrl: `${base}/wechat/demo-official-account/callback`,
    token: DEMO_OA_TOKEN,
    appId: DEMO_OFFICIAL_ACCOUNT.appId,
    encodingAESKey: DEMO_OA_AES_KEY,
    mode: "safe",
  };
  process.stdout.write(
    [
      `QR login gateway on ${base}/graphql (x-app-id: demo), fake WeChat on ${fake.url}`,
      "",
      "1. A login page asks for a mini program code:",
      `   mutation { generateQRCode(input: { type: WECHAT_MINIPROGRAM }) { qrcodeId url } }`,
      "2. The mini program gets a wx.login code from (the fake) WeChat:",
      `   curl -s -X POST ${fake.url}/__fake/login-code -d '{"appId":"${DEMO_MINI_PROGRAM.appId}","openid":"alice"}'`,
      "3. and scans, then confirms, each time with a fresh code (scanToken: the url's file name):",
      `   mutation { scanQRCode(input: { scanToken: "…", wxCode: "…", displayName: "Alice" }) { status } }`,
      "",
      "Or in a browser, the demo login page and its demo app playing WeChat:",
      `   ${base}/demo/login?type=WECHAT_MINIPROGRAM&fakeWeChat=${fake.url}&wxAppId=${DEMO_MINI_PROGRAM.appId}`,
      `   ${base}/demo/login?type=WECHAT_OFFICIAL_ACCOUNT&fakeWeChat=${fake.url}`,
      "",
      "The official account: generateQRCode(input: { type: WECHAT_OFFICIAL_ACCOUNT }), then have",
      "(the fake) WeChat push the signed, encrypted SCAN event of a person who scanned it:",
      `   curl -s -X POST ${fake.url}/__fake/scan -d '{"scanToken":"…","openid":"alice"}'`,
      "",
    ].join("\n"),
  );
  const stop = async () => {
    await server.close();
    await fake.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

void main();
