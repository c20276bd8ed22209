import {
  ExchangeQrCodeTicketDocument,
  GenerateQrCodeDocument,
  QrCodeStatusChangedDocument,
} from "../../src/__generated__/client";
import { DEMO_APPLICATION } from "../../src/config/demo-application";
import { demoUserToken, expectNoErrors, issueCode, scanAndConfirm } from "../support/login-flow";
import { Scrape } from "../support/metrics";
import { subscribe, wsClient } from "../support/status-feed";
import { type RunningServer, startTestServer } from "../support/test-server";

const app = DEMO_APPLICATION.appId;
const mobile = { type: "MOBILE_APP", app };

describe("Prometheus metrics on their own port", () => {
  let running: RunningServer;
  let metricsUrl: string;

  beforeAll(async () => {
    running = await startTestServer({
      metrics: true,
      trustProxy: { kind: "hops", hops: 1 },
      limits: { generateLimit: { perClientIp: 3, windowSeconds: 60 } },
    });
    metricsUrl = running.metricsUrl ?? "";
  });

  afterAll(() => running.close());

  it("moves every series of a whole login by exactly what the login did", async () => {
    const before = await Scrape.of(metricsUrl);
    const code = await issueCode(running);
    const client = wsClient(running.baseUrl, { "x-app-id": app });
    const feed = subscribe(client, QrCodeStatusChangedDocument, { qrcodeId: code.qrcodeId });
    await feed.next(1); // PENDING: the page is waiting
    const waiting = await Scrape.of(metricsUrl);
    expectNoErrors((await scanAndConfirm(running, code, await demoUserToken("mei"))).errors);
    const [, , authorized] = await feed.next(3);
    const ticket = authorized?.qrCodeStatusChanged.ticket ?? "";
    expectNoErrors((await running.graphql(ExchangeQrCodeTicketDocument, { ticket })).errors);
    expectNoErrors((await running.graphql(ExchangeQrCodeTicketDocument, { ticket })).errors);
    const refused = await running.graphql(ExchangeQrCodeTicketDocument, { ticket: "x".repeat(43) });
    await feed.ended;
    await client.dispose();
    const after = await Scrape.of(metricsUrl);

    expect(waiting.value("qrlogin_pages_waiting")).toBe(1);
    expect(waiting.value("qrlogin_websockets_open")).toBe(1);
    expect(refused.errors?.[0]?.extensions.code).toBe("NOT_FOUND");
    expect(after.since(before, "qrlogin_codes_generated_total", mobile)).toBe(1);
    expect(
      after.since(before, "qrlogin_status_changes_total", { ...mobile, status: "SCANNED" }),
    ).toBe(1);
    expect(
      after.since(before, "qrlogin_status_changes_total", { ...mobile, status: "AUTHORIZED" }),
    ).toBe(1);
    expect(after.since(before, "qrlogin_login_duration_seconds_count", mobile)).toBe(1);
    expect(after.since(before, "qrlogin_ticket_exchanges_total", { app, result: "issued" })).toBe(
      1,
    );
    expect(after.since(before, "qrlogin_ticket_exchanges_total", { app, result: "replayed" })).toBe(
      1,
    );
    expect(after.since(before, "qrlogin_ticket_exchanges_total", { app, result: "refused" })).toBe(
      1,
    );
    expect(after.since(before, "qrlogin_status_events_received_total")).toBe(2);
    const ok = { kind: "mutation", outcome: "ok" };
    expect(
      after.since(before, "graphql_operations_total", { field: "generateQRCode", ...ok }),
    ).toBe(1);
    expect(after.since(before, "graphql_operations_total", { field: "scanQRCode", ...ok })).toBe(1);
    expect(after.since(before, "graphql_operations_total", { field: "confirmQRCode", ...ok })).toBe(
      1,
    );
    expect(
      after.since(before, "graphql_operations_total", {
        field: "exchangeQRCodeTicket",
        kind: "mutation",
        outcome: "NOT_FOUND",
      }),
    ).toBe(1);
    expect(
      after.since(before, "graphql_operations_total", {
        field: "qrCodeStatusChanged",
        kind: "subscription",
        outcome: "ok",
      }),
    ).toBe(1);
    const graphqlPosts = { method: "POST", route: "/graphql", status_code: "200" };
    expect(after.since(before, "http_request_duration_seconds_count", graphqlPosts)).toBe(6);
    expect(after.value("qrlogin_pages_waiting")).toBe(0);
    expect(after.value("process_cpu_seconds_total")).toBeGreaterThan(0);
  });

  it("counts a limit that fires under its apiCode name, and keeps tokens out of route labels", async () => {
    const before = await Scrape.of(metricsUrl);
    const headers = { "x-forwarded-for": "203.0.113.9" };
    const answers = [];
    for (let i = 0; i < 5; i++) {
      answers.push(
        await running.graphql(GenerateQrCodeDocument, { input: { type: "MOBILE_APP" } }, headers),
      );
    }
    const code = await issueCode(running, undefined, { "x-forwarded-for": "203.0.113.10" });
    await fetch(`${running.baseUrl}/qrcode/${code.scanToken}.png`);
    const text = await (await fetch(metricsUrl)).text();
    const after = await Scrape.of(metricsUrl);

    const limited = answers.filter(
      (answer) => answer.errors?.[0]?.extensions.apiCode !== undefined,
    ).length;
    expect(limited).toBeGreaterThan(0);
    expect(
      after.since(before, "qrlogin_rate_limited_total", { limit: "GENERATE_RATE_LIMITED" }),
    ).toBe(limited);
    expect(text).toContain('route="/qrcode/:file"');
    expect(text).not.toContain(code.scanToken);
    expect(text).not.toContain(code.qrcodeId);
  });

  it("is not served on the public port", async () => {
    const response = await fetch(`${running.baseUrl}/metrics`);

    expect(response.status).toBe(404);
  });
});
