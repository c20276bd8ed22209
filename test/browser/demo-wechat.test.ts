import { type Browser, type Page } from "playwright-core";
import sharp from "sharp";

import { DEMO_APPLICATION } from "../../src/config/demo-application";
import { describeInBrowser, launchChromium } from "../support/browser";
import { pushTarget, safeModeConnection } from "../support/official-account";
import { screenshot } from "../support/screenshots";
import { type RunningServer, startSelfLinkedServer } from "../support/test-server";
import { until } from "../support/until";
import { FakeWeChat, miniProgramConnection, MP_APP_ID, MP_SECRET } from "../support/wechat";

/** `npm run dev:wechat` in a browser: the demo pages play both WeChat types against the fake. */
describeInBrowser(
  "the demo pages with the two WeChat types, against the fake WeChat, in Chromium",
  () => {
    let fake: FakeWeChat;
    let api: RunningServer;
    let browser: Browser;

    beforeAll(async () => {
      fake = await FakeWeChat.start(
        [
          { appId: MP_APP_ID, secret: MP_SECRET },
          { appId: "wx-oa-test", secret: "oa-secret-never-to-be-seen-0123456789" },
        ],
        0,
      );
      api = await startSelfLinkedServer({
        demoPages: true,
        wechatBaseUrl: fake.url,
        applications: [
          {
            ...DEMO_APPLICATION,
            connections: [
              ...DEMO_APPLICATION.connections,
              miniProgramConnection({ logoUrl: `${fake.url}/__fake/logo.png` }),
              safeModeConnection({ id: "acme-oa" }),
            ],
          },
        ],
      });
      fake.pushTarget = pushTarget(api.baseUrl, "safe");
      browser = await launchChromium();
    }, 30_000);

    afterAll(async () => {
      await browser?.close();
      await api?.close();
      await fake?.close();
    });

    async function loginPage(type: string): Promise<Page> {
      const page = await browser.newPage();
      const query = new URLSearchParams({ type, fakeWeChat: fake.url, wxAppId: MP_APP_ID });
      await page.goto(`${api.baseUrl}/demo/login?${query}`);
      await page.locator('#qr .box[data-state="pending"]').waitFor();
      return page;
    }

    async function demoApp(login: Page, name: string): Promise<Page> {
      const href = await login.locator("#scanner-link").getAttribute("href");
      const phone = await browser.newPage({ viewport: { width: 390, height: 760 } });
      await phone.goto(`${api.baseUrl}${href}`);
      await phone.locator("#name").fill(name);
      await phone.getByRole("button", { name: "Continue" }).click();
      return phone;
    }

    it("logs in with the mini program: its code with the logo composed on a canvas, scan, approve", async () => {
      const login = await loginPage("WECHAT_MINIPROGRAM");
      const canvas = login.locator("#qr canvas[part=image]");
      await expect(canvas.getAttribute("aria-label")).resolves.toMatch(/WeChat/);
      // The canvas is tainted (a logo from another origin, shown, never read): look at it as a
      // person does, on screen. The centre carries the fake's red logo.
      await until(async () => {
        const shot = await canvas.screenshot();
        const { data, info } = await sharp(shot).raw().toBuffer({ resolveWithObject: true });
        const at =
          (Math.floor(info.height / 2) * info.width + Math.floor(info.width / 2)) * info.channels;
        return (data[at] ?? 0) > 200 && (data[at + 1] ?? 255) < 80 && (data[at + 2] ?? 255) < 80;
      }, 5000);
      await screenshot(login, "demo-login-miniprogram");

      const phone = await demoApp(login, "Dora");
      await phone.locator("#approve:not([hidden])").waitFor();
      await login.locator('#qr .box[data-state="scanned"]').waitFor();
      await phone.getByRole("button", { name: "Approve" }).click();
      await login.locator("#signed-in:not([hidden])").waitFor();
      await expect(login.locator("#greeting").textContent()).resolves.toBe("Logged in as Dora");
      const claims = JSON.parse((await login.locator("#claims").textContent()) ?? "{}");
      expect(claims.sub).toBe(`wechat:${MP_APP_ID}:dora`);
    });

    it("logs in with the official account: the fake WeChat pushes the scan, the page logs in", async () => {
      const login = await loginPage("WECHAT_OFFICIAL_ACCOUNT");
      const phone = await demoApp(login, "Evan");
      await phone.locator("#outcome", { hasText: "logged in" }).waitFor();
      await login.locator("#signed-in:not([hidden])").waitFor();
      const claims = JSON.parse((await login.locator("#claims").textContent()) ?? "{}");
      expect(claims.sub).toBe("wechat:wx-oa-test:evan");
    });
  },
);
