import { type Browser, type Page } from "playwright-core";

import { describeInBrowser, launchChromium } from "../support/browser";
import { screenshot } from "../support/screenshots";
import { type RunningServer, startSelfLinkedServer } from "../support/test-server";

/** The demo as a newcomer meets it: the login page on a computer, the demo app on a phone. */
describeInBrowser("the demo login page and the demo app, in Chromium", () => {
  let api: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    api = await startSelfLinkedServer({ demoPages: true });
    browser = await launchChromium();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const widgetState = (page: Page, state: string) =>
    page.locator(`#qr .box[data-state="${state}"]`).waitFor();

  async function openDemoApp(loginPage: Page): Promise<Page> {
    const href = await loginPage.locator("#scanner-link").getAttribute("href");
    const phone = await browser.newPage({ viewport: { width: 390, height: 760 } });
    await phone.goto(`${api.baseUrl}${href}`);
    return phone;
  }

  it("logs in end to end: code, scan as Alice, approve, the page shows Alice and her verified claims", async () => {
    const login = await browser.newPage({ viewport: { width: 900, height: 640 } });
    await login.goto(`${api.baseUrl}/demo/login`);
    await widgetState(login, "pending");
    const image = login.locator("#qr img[part=image]");
    await expect(image.getAttribute("alt")).resolves.toMatch(/scan it/);
    await expect(
      image.evaluate((node) => (node as unknown as { naturalWidth: number }).naturalWidth),
    ).resolves.toBeGreaterThan(100);
    await screenshot(login, "demo-login-waiting");

    const phone = await openDemoApp(login);
    await phone.locator("#name").fill("Alice");
    await phone.getByRole("button", { name: "Continue" }).click();
    await phone.locator("#approve:not([hidden])").waitFor();
    await expect(phone.locator("#application").textContent()).resolves.toBe("Demo Application");
    await expect(phone.locator("#origin").textContent()).resolves.toBe(api.baseUrl);
    // In words (RFC 10027): "Chrome 131 on Linux", not the raw User-Agent.
    await expect(phone.locator("#browser").textContent()).resolves.toMatch(/^Chrome \d+ on Linux/);
    await expect(phone.locator("#time").textContent()).resolves.toMatch(/\(\d+ s ago\)$/);
    // Loopback tells nothing of networks: no warning.
    await expect(phone.locator("#network-warning").isHidden()).resolves.toBe(true);
    await expect(phone.locator("#ip").textContent()).resolves.toBe("127.0.0.1");
    await screenshot(phone, "demo-app-approve");

    await widgetState(login, "scanned");
    await expect(login.locator("#qr [role=status]").textContent()).resolves.toBe(
      "Alice scanned the code: confirm on your phone.",
    );
    await screenshot(login, "demo-login-scanned");

    await phone.getByRole("button", { name: "Approve" }).click();
    await phone.locator("#outcome", { hasText: "Approved" }).waitFor();
    await login.locator("#signed-in:not([hidden])").waitFor();
    await expect(login.locator("#greeting").textContent()).resolves.toBe("Logged in as Alice");
    const claims = JSON.parse((await login.locator("#claims").textContent()) ?? "{}");
    expect(claims).toMatchObject({ aud: "demo", sub: "demo:alice", name: "Alice" });
    await screenshot(login, "demo-login-logged-in");
  });

  it("refused on the phone: the page says so and offers a new code on click", async () => {
    const login = await browser.newPage();
    await login.goto(`${api.baseUrl}/demo/login`);
    await widgetState(login, "pending");
    const firstImage = await login.locator("#qr img[part=image]").getAttribute("src");

    const phone = await openDemoApp(login);
    await phone.getByRole("button", { name: "Continue" }).click();
    await phone.getByRole("button", { name: "Refuse" }).click();
    await phone.locator("#outcome", { hasText: "Refused." }).waitFor();

    await widgetState(login, "cancelled");
    await expect(login.locator("#qr [role=status]").textContent()).resolves.toBe(
      "The login was refused on the phone.",
    );
    await screenshot(login.locator("#qr"), "widget-cancelled");
    await login.locator("#qr").getByRole("button", { name: "Get a new code" }).click();
    await widgetState(login, "pending");
    await expect(login.locator("#qr img[part=image]").getAttribute("src")).resolves.not.toBe(
      firstImage,
    );
  });

  it("links the scan landing page of a live code to the demo app", async () => {
    const login = await browser.newPage();
    await login.goto(`${api.baseUrl}/demo/login`);
    await widgetState(login, "pending");
    const src = (await login.locator("#qr img[part=image]").getAttribute("src")) ?? "";
    const scanToken = src.split("/").pop()?.replace(".png", "");
    const landing = await browser.newPage();
    await landing.goto(`${api.baseUrl}/scan/${scanToken}`);
    await landing.getByRole("link", { name: "Open the demo app" }).click();
    await landing.locator("#who").waitFor();
    expect(landing.url()).toBe(`${api.baseUrl}/demo/app?scanToken=${scanToken}`);
  });

  it("shows the widget in Simplified Chinese for a browser that prefers it", async () => {
    const context = await browser.newContext({ locale: "zh-CN" });
    const login = await context.newPage();
    await login.goto(`${api.baseUrl}/demo/login`);
    await widgetState(login, "pending");
    await expect(login.locator("#qr [role=status]").textContent()).resolves.toBe(
      "请使用手机 App 扫描二维码登录",
    );
    await context.close();
  });
});
