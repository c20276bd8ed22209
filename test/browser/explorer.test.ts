import { type Browser, type BrowserContext } from "playwright-core";

import { describeInBrowser, launchChromium } from "../support/browser";
import { screenshot } from "../support/screenshots";
import { type RunningServer, startSelfLinkedServer } from "../support/test-server";

/** The explorer and the home page with no network but the service: every other request fails. */
describeInBrowser("the explorer and the home page, offline, in Chromium", () => {
  let api: RunningServer;
  let browser: Browser;
  let offline: BrowserContext;
  const elsewhere: string[] = [];

  beforeAll(async () => {
    api = await startSelfLinkedServer({ demoPages: true });
    browser = await launchChromium();
    offline = await browser.newContext({ viewport: { width: 1280, height: 760 } });
    await offline.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(api.baseUrl) || url.startsWith("data:")) {
        return route.continue();
      }
      elsewhere.push(url);
      return route.abort("internetdisconnected");
    });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it("serves GraphiQL from its own files at /graphql, with the demo's x-app-id, and runs a mutation", async () => {
    const tab = await offline.newPage();
    await tab.goto(`${api.baseUrl}/graphql`);
    await tab.locator(".graphiql-container").waitFor();
    await tab.getByText("Headers", { exact: true }).click();
    await expect(tab.locator(".graphiql-editor-tool").textContent()).resolves.toContain(
      '"x-app-id": "demo"',
    );
    await tab.locator(".graphiql-execute-button").click();
    await tab.locator(".result-window", { hasText: "qrcodeId" }).waitFor();
    await expect(tab.locator(".result-window").textContent()).resolves.toContain(
      `${api.baseUrl}/qrcode/`,
    );
    await screenshot(tab, "explorer-offline");
    expect(elsewhere).toEqual([]);
  });

  it("leaves Apollo Sandbox to ?sandbox (it loads from Apollo's CDN when online)", async () => {
    const response = await fetch(`${api.baseUrl}/graphql?sandbox`, {
      headers: { accept: "text/html" },
    });
    expect(await response.text()).toContain("apollo");
  });

  it("shows the home page with links to the demo, the explorer, the JWKS and health", async () => {
    const tab = await offline.newPage();
    await tab.goto(`${api.baseUrl}/`);
    for (const [name, path] of [
      ["Demo login page", "/demo/login"],
      ["Explorer", "/graphql"],
      ["JWKS", "/.well-known/jwks.json"],
      ["Health", "/healthz"],
    ]) {
      await expect(tab.getByRole("link", { name, exact: true }).getAttribute("href")).resolves.toBe(
        path,
      );
    }
    await expect(tab.locator("pre").textContent()).resolves.toContain(
      `import { mountQrLogin } from "${api.baseUrl}/widget/qr-login.js"`,
    );
    await screenshot(tab, "home");
    expect(elsewhere).toEqual([]);
  });
});
