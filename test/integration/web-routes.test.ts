import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

import { ACME } from "../support/applications";
import { type RunningServer, startTestServer } from "../support/test-server";

const WIDGET = join(__dirname, "..", "..", "dist", "web", "widget", "qr-login.js");

describe("the browser files over HTTP", () => {
  let demo: RunningServer;
  let configured: RunningServer;

  beforeAll(async () => {
    demo = await startTestServer({ demoPages: true });
    configured = await startTestServer({ applications: [ACME], introspection: false });
  });

  afterAll(async () => {
    await demo?.close();
    await configured?.close();
  });

  it("keeps the widget within 15 KB gzipped, graphql-ws included", () => {
    const gzipped = gzipSync(readFileSync(WIDGET)).length;
    expect(gzipped).toBeLessThanOrEqual(15 * 1024);
  });

  it("serves the widget as an ES module to an allowed origin, compressed, with its types", async () => {
    const origin = ACME.allowedOrigins[0] as string;
    const response = await fetch(`${configured.baseUrl}/widget/qr-login.js`, {
      headers: { origin, "accept-encoding": "br" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/javascript/);
    expect(response.headers.get("content-encoding")).toBe("br");
    expect(response.headers.get("access-control-allow-origin")).toBe(origin);
    expect(response.headers.get("etag")).toBeTruthy();
    expect(await response.text()).toContain("mountQrLogin");

    const types = await fetch(`${configured.baseUrl}/widget/qr-login.d.ts`);
    expect(await types.text()).toContain("export declare function mountQrLogin(");
    const publicTypes = await fetch(`${configured.baseUrl}/widget/qr-login-types.d.ts`);
    expect(await publicTypes.text()).toContain("interface QrLoginOptions");
  });

  it("serves the home and demo pages in demo mode, framed by nobody", async () => {
    for (const path of ["/", "/demo/login", "/demo/app"]) {
      const response = await fetch(`${demo.baseUrl}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    }
  });

  it("has no demo pages, no demo app tokens and no explorer with a configured application in production", async () => {
    for (const path of ["/", "/demo/login", "/demo/app"]) {
      const response = await fetch(`${configured.baseUrl}${path}`);
      expect(response.status).toBe(404);
    }
    const token = await fetch(`${configured.baseUrl}/demo/app-token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Mallory" }),
    });
    expect(token.status).toBe(404);
    const explorer = await fetch(`${configured.baseUrl}/graphql`, {
      headers: { accept: "text/html" },
    });
    expect(await explorer.text()).not.toContain("explorer.js");
  });

  it("hands out demo app tokens for a name, and names the field when the name is wrong", async () => {
    const post = (body: unknown) =>
      fetch(`${demo.baseUrl}/demo/app-token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const good = (await (await post({ name: "Alice" })).json()) as { token: string };
    const claims = JSON.parse(
      Buffer.from(good.token.split(".")[1] as string, "base64url").toString(),
    ) as Record<string, unknown>;
    expect(claims).toMatchObject({ sub: "demo:alice", name: "Alice", aud: "demo" });

    for (const body of [{}, { name: "" }, { name: "x".repeat(41) }, { name: 7 }]) {
      const response = await post(body);
      expect(response.status).toBe(400);
      const answer = (await response.json()) as { errors: { extensions: object }[] };
      expect(answer.errors[0]?.extensions).toMatchObject({ apiCode: 2000, field: "name" });
    }
  });

  it("gives browsers the explorer at /graphql and GraphQL clients GraphQL", async () => {
    const page = await fetch(`${demo.baseUrl}/graphql`, { headers: { accept: "text/html" } });
    const html = await page.text();
    expect(html).toContain('<script type="module" src="/explorer/explorer.js">');
    expect(html).toContain('"appId":"demo"');

    const query = await fetch(
      `${demo.baseUrl}/graphql?query=${encodeURIComponent("{ __typename }")}`,
      {
        headers: {
          accept: "application/json",
          "x-app-id": "demo",
          "apollo-require-preflight": "true",
        },
      },
    );
    expect(await query.json()).toEqual({ data: { __typename: "Query" } });
  });

  it("never mints the demo's tokens for an application of a config file, even with demo pages on", async () => {
    const running = await startTestServer({
      demoPages: true,
      applications: [{ ...ACME, allowedOrigins: ["*"] }],
    });
    try {
      const response = await fetch(`${running.baseUrl}/demo/app-token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "Mallory" }),
      });
      expect(response.status).toBe(404);
    } finally {
      await running.close();
    }
  });
});
