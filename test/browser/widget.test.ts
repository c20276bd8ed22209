import { type Browser, type Page } from "playwright-core";

import { type Application } from "../../src/qrcode/application";
import { demoLikeApplication } from "../support/applications";
import { describeInBrowser, launchChromium } from "../support/browser";
import { demoUserToken, expectNoErrors, issueCode, scanAndConfirm } from "../support/login-flow";
import { type LoopbackServer, startLoopbackServer } from "../support/loopback-server";
import { screenshot } from "../support/screenshots";
import { type RunningServer, startSelfLinkedServer } from "../support/test-server";
import { until } from "../support/until";

/** What the page recorded of the widget: every state, and the login's result. */
interface Seen {
  readonly events: { state: string; transport?: string; url?: string; apiCode?: number }[];
  readonly login?: { user: { displayName: string | null }; idToken: string };
  readonly ticket?: string;
}

/** A developer's page on its own origin, loading the widget from the service's origin. */
function developerPage(api: () => string): Promise<LoopbackServer> {
  return startLoopbackServer((_request, _body, response) => {
    response.writeHead(200, { "content-type": "text/html" });
    response.end(`<!doctype html><title>Acme login</title>
<style>
  /* The page restyles the widget through its custom properties and parts. */
  #qr { --qr-login-size: 260px; --qr-login-accent: rgb(200, 0, 120); }
  #qr::part(status) { color: rgb(10, 20, 30); }
  p { color: rgb(0, 128, 0); }
</style>
<div id="qr"></div><p id="page-text">the page's own text</p>
<script type="module">
  import { mountQrLogin } from "${api()}/widget/qr-login.js";
  const params = new URLSearchParams(location.search);
  window.seen = { events: [] };
  window.widget = mountQrLogin(document.getElementById("qr"), {
    endpoint: "${api()}/graphql",
    appId: params.get("appId") ?? "acme",
    transport: params.get("transport") ?? "auto",
    autoRefreshLimit: Number(params.get("autoRefresh") ?? 3),
    locale: "en",
    onLogin: (result) => { window.seen.login = result; },
    onTicket: params.get("handover") === "ticket"
      ? (ticket) => { window.seen.ticket = ticket; }
      : undefined,
    onStateChange: (state, detail) => window.seen.events.push({
      state, transport: detail.transport, url: detail.code?.url, apiCode: detail.error?.apiCode,
    }),
  });
</script>`);
  });
}

describeInBrowser("the widget on a developer's page on another origin, in Chromium", () => {
  let page: LoopbackServer;
  let stranger: LoopbackServer;
  let api: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    page = await developerPage(() => api.baseUrl);
    stranger = await developerPage(() => api.baseUrl);
    const app = (appId: string, changes: Partial<Application>): Application =>
      demoLikeApplication(appId, { name: "Acme", allowedOrigins: [page.url], ...changes });
    api = await startSelfLinkedServer({
      applications: [
        app("acme", { pollIntervalMs: 1500 }),
        app("brief", { qrCodeLifetimeSeconds: 2 }),
        app("confidential", { clientSecret: "confidential-client-secret-0123456789" }),
        // Lets the stranger's origin through CORS, so the widget loads there and meets
        // acme's own origin check.
        app("other", { allowedOrigins: [stranger.url] }),
      ],
    });
    browser = await launchChromium();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await page?.close();
    await stranger?.close();
  });

  const seen = (tab: Page): Promise<Seen> =>
    tab.evaluate(() => (globalThis as unknown as { seen: Seen }).seen);

  async function waitForState(tab: Page, state: string, count = 1): Promise<Seen> {
    let last: Seen | undefined;
    await until(async () => {
      last = await seen(tab);
      return last.events.filter((event) => event.state === state).length >= count;
    }, 15_000);
    return last as Seen;
  }

  const scanTokenOf = (url: string | undefined) =>
    /\/qrcode\/(\w+)\.png$/.exec(url ?? "")?.[1] ?? "";

  /**
   * Scans, waits until the page shows the scan, then confirms: a person takes seconds between
   * the two, and without the wait a subscription that opens after both sees only AUTHORIZED.
   */
  async function approve(tab: Page, name: string): Promise<void> {
    const { events } = await waitForState(tab, "pending");
    const scanToken = scanTokenOf(events.at(-1)?.url);
    const confirmed = await scanAndConfirm(
      api,
      { qrcodeId: "", scanToken },
      await demoUserToken(name.toLowerCase(), name),
      () => waitForState(tab, "scanned"),
    );
    expectNoErrors(confirmed.errors);
  }

  it("follows the code over WebSocket and hands a public application's tokens to the page", async () => {
    const tab = await browser.newPage();
    const sockets: string[] = [];
    tab.on("websocket", (socket) => sockets.push(socket.url()));
    await tab.goto(`${page.url}/?appId=acme`);
    await approve(tab, "Bob");
    await until(async () => (await seen(tab)).login !== undefined, 10_000);
    const { events, login } = await seen(tab);
    expect(login?.user.displayName).toBe("Bob");
    expect(events.map((event) => event.state)).toEqual([
      "loading",
      "pending",
      "scanned",
      "authorized",
    ]);
    expect(events.at(-1)?.transport).toBe("websocket");
    expect(sockets).toEqual([`${api.baseUrl.replace("http", "ws")}/graphql`]);
  });

  it("hands a confidential application's ticket to the page (onTicket), for its back end to exchange", async () => {
    const tab = await browser.newPage();
    await tab.goto(`${page.url}/?appId=confidential&handover=ticket`);
    await approve(tab, "Iris");
    await until(async () => (await seen(tab)).ticket !== undefined, 10_000);
    const { ticket, login } = await seen(tab);
    expect(login).toBeUndefined();
    // The page's back end, with the secret the browser never sees:
    const exchanged = await api.graphql(
      "mutation ($ticket: String!, $secret: String) { exchangeQRCodeTicket(ticket: $ticket, clientSecret: $secret) { user { displayName } } }",
      { ticket, secret: "confidential-client-secret-0123456789" },
      { "x-app-id": "confidential" },
    );
    expect(exchanged.data).toEqual({ exchangeQRCodeTicket: { user: { displayName: "Iris" } } });
  });

  it("takes the page's styles through custom properties and parts, and leaks none of its own", async () => {
    const tab = await browser.newPage();
    await tab.goto(`${page.url}/?appId=acme`);
    await waitForState(tab, "pending");
    const frame = await tab.locator("#qr .frame").boundingBox();
    expect(frame?.width).toBe(260);
    const color = (selector: string) =>
      tab.locator(selector).evaluate((node) => {
        // In the page: the root tsconfig has no DOM types.
        const page = globalThis as unknown as { getComputedStyle(of: unknown): { color: string } };
        return page.getComputedStyle(node).color;
      });
    await expect(color("#qr [part=status]")).resolves.toBe("rgb(10, 20, 30)");
    // The page's rule for <p> does not reach the widget's <p>, nor the widget's CSS the page.
    await expect(color("#page-text")).resolves.toBe("rgb(0, 128, 0)");
    await expect(
      tab.evaluate<number>('document.querySelectorAll("head style, body > style").length'),
    ).resolves.toBe(1);
  });

  it("stops following and empties its element on destroy()", async () => {
    const tab = await browser.newPage();
    // The page's clock is the test's: after destroy() it runs ten seconds ahead at once, and
    // any timer the widget left behind would fire and ask the service.
    await tab.clock.install();
    await tab.goto(`${page.url}/?appId=acme&transport=poll`);
    await waitForState(tab, "pending");
    await tab.evaluate(() =>
      (globalThis as unknown as { widget: { destroy(): void } }).widget.destroy(),
    );
    const after: string[] = [];
    tab.on("request", (request) => after.push(request.url()));
    await tab.clock.runFor(10_000);
    expect(after).toEqual([]);
    await expect(
      tab.evaluate<number>('document.querySelector("#qr").shadowRoot.childNodes.length'),
    ).resolves.toBe(0);
  });

  it("shows the service's refusal on an origin the application does not allow", async () => {
    const tab = await browser.newPage();
    await tab.goto(`${stranger.url}/?appId=acme`);
    const { events } = await waitForState(tab, "error");
    expect(events.at(-1)?.apiCode).toBe(2102);
    await expect(tab.locator("#qr [role=status]").textContent()).resolves.toMatch(/origin/i);
  });

  it("refuses a subscription from a page on an origin the application does not allow", async () => {
    const code = await issueCode(api, undefined, { "x-app-id": "acme", origin: page.url });
    const tab = await browser.newPage();
    await tab.goto(`${stranger.url}/?appId=other`);
    // The stranger's page holds acme's qrcodeId (say it leaked) and subscribes as acme over a
    // raw graphql-ws socket: the browser sends the stranger's Origin, which acme does not allow.
    const answer = await tab.evaluate(
      ([endpoint, qrcodeId]) =>
        new Promise<string>((resolve) => {
          const socket = new WebSocket(endpoint, "graphql-transport-ws");
          socket.onopen = () =>
            socket.send(
              JSON.stringify({ type: "connection_init", payload: { "x-app-id": "acme" } }),
            );
          socket.onmessage = (event) => {
            const message = JSON.parse(String(event.data)) as { type: string };
            if (message.type === "connection_ack") {
              socket.send(
                JSON.stringify({
                  id: "1",
                  type: "subscribe",
                  payload: {
                    query: `subscription { qrCodeStatusChanged(qrcodeId: "${qrcodeId}") { status } }`,
                  },
                }),
              );
            } else {
              resolve(String(event.data));
            }
          };
          socket.onclose = (event) => resolve(`closed ${event.code}`);
        }),
      [`${api.baseUrl.replace("http", "ws")}/graphql`, code.qrcodeId] as const,
    );
    expect(answer).toContain('"apiCode":2102');
    expect(answer).not.toContain('"status":"PENDING"');
  });

  it("falls back to polling when WebSocket is blocked, at the application's pace", async () => {
    const tab = await browser.newPage();
    // A proxy that kills every WebSocket: the page's socket closes before graphql-ws's ack.
    await tab.routeWebSocket(/\/graphql$/, (socket) => socket.close());
    // When each poll left, by the browser's own clock (Playwright's request timing): the test
    // process may hear of requests late, and bunched, on a loaded machine.
    const polls: { sentAt: number; body: string }[] = [];
    tab.on("response", (response) => {
      const request = response.request();
      if (request.postData()?.includes("WidgetStatus(")) {
        const sentAt = request.timing().startTime;
        void response.text().then((body) => polls.push({ sentAt, body }));
      }
    });
    await tab.goto(`${page.url}/?appId=acme`);
    await waitForState(tab, "pending");
    await until(async () => (await seen(tab)).events.some((e) => e.transport === "polling"), 5000);
    // Five answered polls, however long a loaded machine takes to make them.
    await until(async () => polls.length >= 5, 30_000);
    const answered = [...polls].sort((a, b) => a.sentAt - b.sentAt).slice(0, 5);
    const tooFast = answered.filter((poll) => poll.body.includes('"apiCode":3020')).length;
    const firstRefused = answered.findIndex((poll) => poll.body.includes('"apiCode":3020'));
    // Paced by the service's 1.5 s: at most one poll refused while the widget learns the pace
    // (it starts at 1 s); from then on no two polls closer than the pace (a slow machine only
    // spreads them further).
    const gaps = answered
      .slice(Math.max(firstRefused, 0) + 1)
      .map((poll, index, rest) =>
        index === 0 ? Infinity : poll.sentAt - (rest[index - 1]?.sentAt ?? 0),
      );
    expect(tooFast).toBeLessThanOrEqual(1);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1400);

    await approve(tab, "Carol");
    await until(async () => (await seen(tab)).login !== undefined, 10_000);
    expect((await seen(tab)).login?.user.displayName).toBe("Carol");
  });

  it("makes a new code when one expires, a limited number of times, then waits for a click", async () => {
    const tab = await browser.newPage();
    await tab.goto(`${page.url}/?appId=brief&autoRefresh=1`);
    const { events } = await waitForState(tab, "expired");
    const codes = events.filter((event) => event.state === "pending").map((event) => event.url);
    expect(new Set(codes).size).toBe(2);
    await tab.locator("#qr .box[data-state=expired]").waitFor();
    await screenshot(tab.locator("#qr"), "widget-expired");
    await tab.locator("#qr").getByRole("button", { name: "Get a new code" }).click();
    const after = await waitForState(tab, "pending", 3);
    expect(new Set(after.events.map((event) => event.url).filter(Boolean)).size).toBe(3);
  });
});
