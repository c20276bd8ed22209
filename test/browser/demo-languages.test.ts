import { type Browser } from "playwright-core";

import { demoLikeApplication } from "../support/applications";
import { describeInBrowser, launchChromium } from "../support/browser";
import { type RunningServer, startSelfLinkedServer } from "../support/test-server";

/** The demo pages in the browser's language, and a refusal that is the application's said as
 * such on both sides: the login page's widget and the phone. */
describeInBrowser("the demo pages in Chinese, and the application's refusal", () => {
  let api: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    api = await startSelfLinkedServer({
      demoPages: true,
      trustProxy: { kind: "addresses", addresses: ["loopback"] },
      applications: [
        demoLikeApplication("demo", {
          name: "Demo Application",
          crossDevice: { requireSameNetwork: true },
        }),
      ],
    });
    browser = await launchChromium();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  /** The login page on a computer at `computerAt`, and the demo app on a phone at `phoneAt`
   * opened from the page's scanner link, both in `locale`. */
  async function computerAndPhone(locale: string, computerAt: string, phoneAt: string) {
    const context = (address: string) =>
      browser.newContext({ locale, extraHTTPHeaders: { "x-forwarded-for": address } });
    const login = await (await context(computerAt)).newPage();
    await login.goto(`${api.baseUrl}/demo/login`);
    await login.locator('#qr .box[data-state="pending"]').waitFor();
    const href = await login.locator("#scanner-link").getAttribute("href");
    const phone = await (await context(phoneAt)).newPage();
    await phone.goto(`${api.baseUrl}${href}`);
    return { login, phone };
  }

  it("speaks Chinese to a Chinese browser on every demo page, the widget with lang set, through a whole login", async () => {
    const { login, phone } = await computerAndPhone("zh-CN", "203.0.113.7", "203.0.113.9");

    const pageLang = await login.locator("html").getAttribute("lang");
    const widgetLang = await login.locator("#qr .box").getAttribute("lang");
    const prompt = await login.locator("#qr .status").textContent();
    await phone.getByRole("button", { name: "继续" }).click();
    await phone.locator("#approve:not([hidden])").waitFor();
    const heading = await phone.locator("#approve h2").textContent();
    await phone.getByRole("button", { name: "确认登录" }).click();
    await phone.locator("#outcome", { hasText: "已确认" }).waitFor();
    await login.locator("#signed-in:not([hidden])").waitFor();

    expect([pageLang, widgetLang]).toEqual(["zh-CN", "zh-CN"]);
    expect(prompt).toMatch(/[\u4e00-\u9fff]/);
    expect(heading).toBe("在这台电脑上登录？");
    await expect(login.locator("#greeting").textContent()).resolves.toBe("已登录：Alice");
  });

  it("says the application refused, not the person, on the login page and on the phone", async () => {
    const { login, phone } = await computerAndPhone("en-US", "203.0.113.7", "198.51.100.5");

    await phone.getByRole("button", { name: "Continue" }).click();
    await phone.getByRole("button", { name: "Approve" }).click();
    const said = phone.locator("#outcome", { hasText: "refused" });
    await said.waitFor();
    await login.locator('#qr .box[data-state="cancelled"]').waitFor();

    await expect(said.textContent()).resolves.toBe(
      "The application refused this login: it must be approved from the computer's network.",
    );
    await expect(login.locator("#qr .status").textContent()).resolves.toBe(
      "The application refused this login.",
    );
  });
});
