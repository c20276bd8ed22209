import { type Browser } from "playwright-core";

import { describeInBrowser, launchChromium } from "../support/browser";
import { type RunningServer, startSelfLinkedServer } from "../support/test-server";

/** RFC 10027 in the demo app: a login started on another network than the phone's is flagged
 * before the person approves. The two networks are told to the service by X-Forwarded-For,
 * which it believes from loopback here. */
describeInBrowser("the demo app's warning for a login started on another network", () => {
  let api: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    api = await startSelfLinkedServer({
      demoPages: true,
      trustProxy: { kind: "addresses", addresses: ["loopback"] },
    });
    browser = await launchChromium();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  async function approvalCard(computerAt: string, phoneAt: string) {
    const login = await browser.newPage({ extraHTTPHeaders: { "x-forwarded-for": computerAt } });
    await login.goto(`${api.baseUrl}/demo/login`);
    await login.locator('#qr .box[data-state="pending"]').waitFor();
    const href = await login.locator("#scanner-link").getAttribute("href");
    const phone = await browser.newPage({ extraHTTPHeaders: { "x-forwarded-for": phoneAt } });
    await phone.goto(`${api.baseUrl}${href}`);
    await phone.getByRole("button", { name: "Continue" }).click();
    await phone.locator("#approve:not([hidden])").waitFor();
    return phone.locator("#network-warning");
  }

  it("warns when the phone is on another network, and not on the same one", async () => {
    const elsewhere = await approvalCard("203.0.113.7", "198.51.100.5");
    const nearby = await approvalCard("203.0.113.7", "203.0.113.99");

    await expect(elsewhere.isVisible()).resolves.toBe(true);
    await expect(elsewhere.textContent()).resolves.toContain("another network");
    await expect(nearby.isHidden()).resolves.toBe(true);
  });
});
