import { ACME, demoLikeApplication } from "../../support/applications";
import { demoUserToken } from "../../support/login-flow";
import { type RunningServer, startTestServer } from "../../support/test-server";

const SECRET = "secretive-client-secret-0123456789";

/** The facade's edges over plain HTTP: limits, malformed requests, CORS, the OpenAPI document. */
describe("the REST facade's edges", () => {
  let api: RunningServer;
  const origin = ACME.allowedOrigins[0] as string;

  beforeAll(async () => {
    api = await startTestServer({
      applications: [
        ACME,
        demoLikeApplication("secretive", {
          clientSecret: SECRET,
          allowedOrigins: ["https://secretive.test"],
        }),
      ],
    });
  });

  afterAll(() => api?.close());

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${api.baseUrl}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-authing-app-id": "acme", ...headers },
      body,
    });

  it("keeps the envelope on a poll that comes too fast, with retryAfterMs, as HTTP 200", async () => {
    const gene = (await (await post("/api/v3/gene-qrcode", '{"type":"MOBILE_APP"}')).json()) as {
      data: { qrcodeId: string };
    };
    const url = `${api.baseUrl}/api/v3/get-qrcode-status?qrcodeId=${gene.data.qrcodeId}`;
    const headers = { "x-authing-app-id": "acme" };
    expect(await (await fetch(url, { headers })).json()).toMatchObject({ statusCode: 200 });
    const second = await fetch(url, { headers });
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({
      statusCode: 429,
      apiCode: 3020,
      retryAfterMs: expect.any(Number),
      data: null,
    });
  });

  it("names the missing application header and the wrong field", async () => {
    const noApp = await post("/api/v3/gene-qrcode", '{"type":"MOBILE_APP"}', {
      "x-authing-app-id": "",
    });
    expect(await noApp.json()).toMatchObject({
      statusCode: 400,
      apiCode: 2100,
      field: "x-authing-app-id",
    });
    const noType = await post("/api/v3/gene-qrcode", "{}");
    expect(await noType.json()).toMatchObject({ statusCode: 400, apiCode: 2000, field: "type" });
    const v2Scene = await post("/api/v2/qrcode/gene", '{"scene":"SMS"}');
    expect(await v2Scene.json()).toMatchObject({ code: 2000, field: "scene", data: null });
    const v2Random = await fetch(`${api.baseUrl}/api/v2/qrcode/check?random=a%20b`, {
      headers: { "x-authing-app-id": "acme", "x-authing-lang": "en-US" },
    });
    expect(await v2Random.json()).toMatchObject({
      code: 2000,
      field: "random",
      message: expect.stringMatching(/^random: /),
    });
  });

  it("answers a body that is not JSON with HTTP 400, in the envelope", async () => {
    const response = await post("/api/v3/gene-qrcode", "{not json");
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ statusCode: 400, apiCode: 1001, data: null });
  });

  it("lets a browser page on an allowed origin send the SDK's headers", async () => {
    const preflight = await fetch(`${api.baseUrl}/api/v2/qrcode/gene`, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers":
          "content-type,x-authing-app-id,x-authing-userpool-id,x-authing-lang,x-authing-sdk-version,x-authing-request-from",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(origin);
    expect(preflight.headers.get("access-control-allow-headers")).toContain("x-authing-lang");
  });

  it("exchanges a confidential application's ticket on v2's userinfo with Basic credentials only", async () => {
    const app = { "x-authing-app-id": "secretive" };
    const gene = (await (
      await post("/api/v2/qrcode/gene", '{"scene":"APP_AUTH"}', app)
    ).json()) as {
      data: { random: string; url: string };
    };
    const scanToken = /\/qrcode\/(\w+)\.png$/.exec(gene.data.url)?.[1] as string;
    const phone = { authorization: `Bearer ${await demoUserToken("ivy", "Ivy")}` };
    for (const step of ["scanned", "confirm"]) {
      await post(`/api/v2/qrcode/${step}`, JSON.stringify({ random: scanToken }), phone);
    }
    const check = await fetch(`${api.baseUrl}/api/v2/qrcode/check?random=${gene.data.random}`, {
      headers: app,
    });
    const { ticket } = ((await check.json()) as { data: { ticket: string } }).data;

    const bare = await post("/api/v2/qrcode/userinfo", JSON.stringify({ ticket }), app);
    expect(await bare.json()).toMatchObject({ code: 4010, data: null });
    const basic = `Basic ${Buffer.from(`secretive:${SECRET}`).toString("base64")}`;
    const withSecret = await post("/api/v2/qrcode/userinfo", JSON.stringify({ ticket }), {
      ...app,
      authorization: basic,
    });
    expect(await withSecret.json()).toMatchObject({
      code: 200,
      data: { id: "ivy", nickname: "Ivy" },
    });
  });

  it("publishes an OpenAPI 3.1 document of every facade route, from the route schemas", async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a deep, loosely typed document
    const document: any = await (await fetch(`${api.baseUrl}/api/openapi.json`)).json();
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths).sort()).toEqual([
      "/api/v2/qrcode/cancel",
      "/api/v2/qrcode/check",
      "/api/v2/qrcode/confirm",
      "/api/v2/qrcode/gene",
      "/api/v2/qrcode/scanned",
      "/api/v2/qrcode/userinfo",
      "/api/v3/change-qrcode-status",
      "/api/v3/check-qrcode-status",
      "/api/v3/exchange-tokenset-with-qrcode-ticket",
      "/api/v3/gene-qrcode",
      "/api/v3/get-qrcode-status",
      "/api/v3/set-qrcode-status",
    ]);
    const gene = document.paths["/api/v3/gene-qrcode"].post;
    expect(gene.requestBody.content["application/json"].schema.required).toEqual(["type"]);
    expect(gene.responses["200"].content["application/json"].schema.properties).toHaveProperty(
      "apiCode",
    );
  });
});
