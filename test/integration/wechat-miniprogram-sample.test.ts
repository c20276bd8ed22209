import { readFileSync } from "node:fs";
import { join } from "node:path";

import { QrCodeStatusDocument } from "../../src/__generated__/client";
import { type LoopbackServer, sendJson, startLoopbackServer } from "../support/loopback-server";
import { ManualClock } from "../support/manual-clock";
import { type RunningServer } from "../support/test-server";
import {
  type FakeWeChat,
  generateWeChatCode,
  MINI_PROGRAM_APP,
  miniProgramApplication,
  miniProgramConnection,
  MP_APP_ID,
  startWithFakeWeChat,
  type WeChatTestbed,
  WX_HEADERS,
} from "../support/wechat";
import { loadLoginPage, MINI_PROGRAM_ROOT } from "../support/wx-stand-in";

const APP_JSON = JSON.parse(readFileSync(join(MINI_PROGRAM_ROOT, "app.json"), "utf8")) as {
  pages: string[];
};

/**
 * The WeChat mini program sample's login page, run in Node with a small `wx` stand-in against
 * the fake WeChat and the real service: the login completes, and the refusal and expiry paths
 * show their messages.
 */
describe("the WeChat mini program sample (examples/wechat-miniprogram)", () => {
  const clock = new ManualClock(Date.now());
  let bed: WeChatTestbed;
  let fake: FakeWeChat;
  let hook: LoopbackServer;
  let hookAllows = true;
  let running: RunningServer;

  beforeAll(async () => {
    hook = await startLoopbackServer((_request, _body, response) =>
      sendJson(
        response,
        200,
        hookAllows ? { allow: true } : { allow: false, reason: "this account is suspended" },
      ),
    );
    bed = await startWithFakeWeChat([MINI_PROGRAM_APP], (wechat) => {
      // The code opens the sample's own page: WeChat refuses a page the mini program lacks.
      wechat.publishPages(APP_JSON.pages);
      return {
        clock,
        applications: [
          {
            ...miniProgramApplication([
              miniProgramConnection({
                miniProgram: {
                  envVersion: "release",
                  width: 430,
                  checkPath: true,
                  page: APP_JSON.pages[0],
                },
              }),
            ]),
            loginHook: { url: hook.url, secret: "hook-secret-for-the-sample", timeoutMs: 2000 },
          },
        ],
      };
    });
    ({ fake, running } = bed);
  });

  afterAll(async () => {
    await bed.close();
    await hook.close();
  });

  function openPage(openid: string, language?: string) {
    return loadLoginPage({
      serviceUrl: running.baseUrl,
      fake,
      miniProgramAppId: MP_APP_ID,
      openid,
      language,
      avatarUploadUrl: "https://files.acme.test/avatars",
      avatarUrl: `https://files.acme.test/avatars/${openid}.png`,
    });
  }

  /** The login page's poll; the manual clock moves past the poll pace, as time would. */
  const statusOf = async (qrcodeId: string) => {
    clock.advance(1000);
    return (await running.graphql(QrCodeStatusDocument, { qrcodeId }, WX_HEADERS)).data
      ?.qrCodeStatus;
  };

  it("logs in: scene → scan → approval card → nickname and avatar → confirm", async () => {
    const code = await generateWeChatCode(running);
    const page = openPage("openid-zoe");

    await page.onLoad({ scene: encodeURIComponent(code.scanToken) });
    const scanned = await statusOf(code.qrcodeId);
    page.onChooseAvatar({ detail: { avatarUrl: "wxfile://tmp/avatar.png" } });
    page.onNicknameInput({ detail: { value: "Zoe" } });
    await page.onConfirm();

    expect(scanned?.status).toBe("SCANNED");
    expect(page.data).toMatchObject({ state: "done", message: "已确认，请回到电脑上继续。" });
    expect(await statusOf(code.qrcodeId)).toMatchObject({
      status: "AUTHORIZED",
      briefUserInfo: {
        displayName: "Zoe",
        photo: "https://files.acme.test/avatars/openid-zoe.png",
      },
    });
  });

  it("shows the approval card with what is being approved, in the person's WeChat language", async () => {
    const code = await generateWeChatCode(running);
    const page = openPage("openid-ann", "en");

    await page.onLoad({ scene: encodeURIComponent(code.scanToken) });

    expect(page.data).toMatchObject({
      state: "approving",
      card: {
        applicationName: "Acme WeChat",
        age: expect.stringMatching(/^started \d+ s ago$/),
        otherNetwork: false,
      },
    });
  });

  it("cancels: the login page sees CANCELLED", async () => {
    const code = await generateWeChatCode(running);
    const page = openPage("openid-ben", "en");
    await page.onLoad({ scene: encodeURIComponent(code.scanToken) });

    await page.onCancel();

    expect(page.data).toMatchObject({ state: "cancelled", message: "The login was cancelled." });
    expect((await statusOf(code.qrcodeId))?.status).toBe("CANCELLED");
  });

  it("says the application refused the login (not the person) when its login hook denies it", async () => {
    const code = await generateWeChatCode(running);
    const page = openPage("openid-cat", "en");
    await page.onLoad({ scene: encodeURIComponent(code.scanToken) });
    hookAllows = false;

    await page.onConfirm().finally(() => (hookAllows = true));

    expect(page.data).toMatchObject({
      state: "failed",
      message: "The application refused this login: this account is suspended",
    });
  });

  it("says the code has expired, in Chinese by default", async () => {
    const code = await generateWeChatCode(running);
    clock.advance(61_000);
    const page = openPage("openid-dan");

    await page.onLoad({ scene: encodeURIComponent(code.scanToken) });

    expect(page.data).toMatchObject({
      state: "failed",
      message: "二维码已过期，请刷新网页后重新扫码。",
    });
  });

  it("says so when opened without a login code's scene", async () => {
    const page = openPage("openid-eve", "en");

    await page.onLoad({});

    expect(page.data).toMatchObject({ state: "failed", message: "This is not a login code." });
  });

  it("is a complete mini program project: every page in app.json has its four files", () => {
    const project = JSON.parse(
      readFileSync(join(MINI_PROGRAM_ROOT, "project.config.json"), "utf8"),
    ) as { appid: string; compileType: string };

    const missing = APP_JSON.pages.flatMap((page) =>
      [".js", ".wxml", ".wxss", ".json"]
        .map((extension) => `${page}${extension}`)
        .filter((file) => {
          try {
            readFileSync(join(MINI_PROGRAM_ROOT, file));
            return false;
          } catch {
            return true;
          }
        }),
    );

    expect(missing).toEqual([]);
    expect(project).toMatchObject({ appid: "wx0000000000000000", compileType: "miniprogram" });
  });
});
