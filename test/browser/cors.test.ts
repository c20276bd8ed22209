import { type Browser } from "playwright-core";

import { DEMO_APPLICATION } from "../../src/config/demo-application";
import { type Application } from "../../src/qrcode/application";
import { describeInBrowser, launchChromium } from "../support/browser";
import { type LoopbackServer, startLoopbackServer } from "../support/loopback-server";
import { type RunningServer, startTestServer } from "../support/test-server";

const blankPage = () =>
  startLoopbackServer((_request, _body, response) => {
    response.writeHead(200, { "content-type": "text/html" });
    response.end("<!doctype html><title>login page</title>");
  });

/** What the page's script saw of one cross-origin call. */
interface Seen {
  readonly ok: boolean;
  readonly status?: number;
  readonly body?: string;
  readonly error?: string;
}

/** A login page on one origin calls the service on another, from real Chromium. */
describeInBrowser("a login page on another origin, in Chromium", () => {
  let page: LoopbackServer;
  let stranger: LoopbackServer;
  let api: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    page = await blankPage();
    stranger = await blankPage();
    const acme: Application = { ...DEMO_APPLICATION, appId: "acme", allowedOrigins: [page.url] };
    const other: Application = {
      ...DEMO_APPLICATION,
      appId: "other",
      allowedOrigins: ["https://elsewhere.test"],
    };
    api = await startTestServer({ applications: [acme, other] });
    browser = await launchChromium();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await page?.close();
    await stranger?.close();
  });

  /** Runs `fetch` in a page loaded from `origin`, as the page's own script would. */
  async function fetchFrom(origin: string, url: string, init: RequestInit = {}): Promise<Seen> {
    const tab = await browser.newPage();
    try {
      await tab.goto(origin);
      return await tab.evaluate(
        async ([target, options]) => {
          try {
            const response = await fetch(target, options);
            return { ok: true, status: response.status, body: await response.text() };
          } catch (error) {
            return { ok: false, error: String(error) };
          }
        },
        [url, init] as const,
      );
    } finally {
      await tab.close();
    }
  }

  const generate = (appId: string): RequestInit => ({
    method: "POST",
    headers: { "content-type": "application/json", "x-app-id": appId },
    body: JSON.stringify({
      query: "mutation { generateQRCode(input: { type: MOBILE_APP }) { qrcodeId url } }",
    }),
  });

  it("generates a code for the application that allows the page's origin", async () => {
    const seen = await fetchFrom(page.url, `${api.baseUrl}/graphql`, generate("acme"));

    expect(seen).toMatchObject({ ok: true, status: 200 });
    expect(JSON.parse(seen.body ?? "{}").data.generateQRCode.qrcodeId).toEqual(expect.any(String));
  });

  it("lets the page read a coded refusal from an application that does not allow its origin", async () => {
    const seen = await fetchFrom(page.url, `${api.baseUrl}/graphql`, generate("other"));

    expect(JSON.parse(seen.body ?? "{}").errors[0].extensions).toMatchObject({
      code: "FORBIDDEN",
      apiCode: 2102,
    });
  });

  it("gives a page on an origin no application allows nothing to read", async () => {
    const seen = await fetchFrom(stranger.url, `${api.baseUrl}/graphql`, generate("acme"));

    expect(seen.ok).toBe(false);
  });

  it("serves the code's image and the JWKS to the page", async () => {
    const created = await fetchFrom(page.url, `${api.baseUrl}/graphql`, generate("acme"));
    const { url } = JSON.parse(created.body ?? "{}").data.generateQRCode as { url: string };
    const imagePath = new URL(url).pathname;

    const image = await fetchFrom(page.url, `${api.baseUrl}${imagePath}`);
    const jwks = await fetchFrom(page.url, `${api.baseUrl}/.well-known/jwks.json`);

    expect(image).toMatchObject({ ok: true, status: 200 });
    expect(jwks).toMatchObject({ ok: true, status: 200 });
  });
});
