import { type AppLinks } from "../../src/config/app-links-schema";
import { demoUserToken, expectNoErrors, issueCode, scanAndConfirm } from "../support/login-flow";
import { type RunningServer, startTestServer } from "../support/test-server";

const FINGERPRINT = Array.from({ length: 32 }, (_, index) =>
  index.toString(16).padStart(2, "0").toUpperCase(),
).join(":");
const APP_LINKS: AppLinks = {
  ios: { appIds: ["ABCDE12345.com.acme.app"], storeUrl: "https://apps.apple.com/app/id123" },
  android: [
    {
      packageName: "com.acme.app",
      sha256CertFingerprints: [FINGERPRINT],
      storeUrl: "https://play.google.com/store/apps/details?id=com.acme.app",
    },
  ],
};
const ZH = { "accept-language": "zh-CN,zh;q=0.9,en;q=0.8" };

describe("what a phone opens: the app-link files and the scan page", () => {
  let running: RunningServer;
  let bare: RunningServer;

  beforeAll(async () => {
    [running, bare] = await Promise.all([
      startTestServer({ appLinks: APP_LINKS, publicUrl: "https://login.acme.test" }),
      startTestServer(),
    ]);
  });

  afterAll(() => Promise.all([running.close(), bare.close()]));

  it("serves apple-app-site-association from config: JSON, no redirect, the scan path for the app IDs", async () => {
    const response = await fetch(`${running.baseUrl}/.well-known/apple-app-site-association`, {
      redirect: "manual",
    });

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      applinks: {
        details: [
          {
            appIDs: ["ABCDE12345.com.acme.app"],
            components: [{ "/": "/scan/*", comment: "QR login scan links" }],
          },
        ],
      },
    });
  });

  it("serves assetlinks.json from config: each Android app with its certificate fingerprints", async () => {
    const response = await fetch(`${running.baseUrl}/.well-known/assetlinks.json`, {
      redirect: "manual",
    });

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual([
      {
        relation: ["delegate_permission/common.handle_all_urls"],
        target: {
          namespace: "android_app",
          package_name: "com.acme.app",
          sha256_cert_fingerprints: [FINGERPRINT],
        },
      },
    ]);
  });

  it("answers 404 for both files when no app links are configured", async () => {
    const statuses = await Promise.all(
      ["apple-app-site-association", "assetlinks.json"].map(
        async (file) => (await fetch(`${bare.baseUrl}/.well-known/${file}`)).status,
      ),
    );

    expect(statuses).toEqual([404, 404]);
  });

  it("tells a phone without the app, in English, which app to open and where to get it", async () => {
    const code = await issueCode(running);

    const page = await fetch(`${running.baseUrl}/scan/${code.scanToken}`);
    const html = await page.text();

    expect(page.headers.get("vary")).toContain("accept-language");
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Open this in the Demo Application app");
    expect(html).toContain('<a href="https://apps.apple.com/app/id123">App Store</a>');
    expect(html).toContain(
      '<a href="https://play.google.com/store/apps/details?id=com.acme.app">Google Play</a>',
    );
  });

  it("speaks Simplified Chinese to a phone that asks for it, with lang set", async () => {
    const code = await issueCode(running);

    const html = await (
      await fetch(`${running.baseUrl}/scan/${code.scanToken}`, { headers: ZH })
    ).text();

    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain("请在 Demo Application App 中打开");
    expect(html).toContain("还没有安装 App？");
  });

  it("says what to do once the code is used or unknown, in both languages, without store links", async () => {
    const code = await issueCode(running);
    expectNoErrors((await scanAndConfirm(running, code, await demoUserToken("alice"))).errors);

    const used = await (await fetch(`${running.baseUrl}/scan/${code.scanToken}`)).text();
    const usedZh = await (
      await fetch(`${running.baseUrl}/scan/${code.scanToken}`, { headers: ZH })
    ).text();
    const unknown = await fetch(`${running.baseUrl}/scan/${"x".repeat(32)}`, { headers: ZH });

    expect(used).toContain("expired or was already used. Refresh the login page");
    expect(used).not.toContain("App Store");
    expect(usedZh).toContain("此登录二维码已过期或已被使用");
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("此登录二维码不存在或已过期");
  });
});
