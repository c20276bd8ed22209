import { GenerateQrCodeDocument } from "../../src/__generated__/client";
import { decodePngQr, decodeSvgQr } from "../support/decode-qr";
import { ManualClock } from "../support/manual-clock";
import { localImageUrl, type RunningServer, startTestServer } from "../support/test-server";

describe("generateQRCode over HTTP, then the image", () => {
  const clock = new ManualClock(Date.now());
  let running: RunningServer;

  beforeAll(async () => {
    running = await startTestServer({ clock });
  });

  afterAll(() => running.close());

  async function generate() {
    const response = await running.graphql(GenerateQrCodeDocument, {
      input: { type: "MOBILE_APP", customData: { school: "hust" } },
    });
    expect(response.errors).toBeUndefined();
    const data = response.data?.generateQRCode;
    if (!data) {
      throw new Error("no data");
    }
    return data;
  }

  it("answers with an id, an image URL, no logo, and the expiry 120 s on", async () => {
    const before = clock.now();

    const data = await generate();

    expect(data.qrcodeId).toMatch(/^[A-Za-z0-9]{12}[A-Za-z0-9_-]{32}$/);
    expect(data.url).toMatch(/^http:\/\/qr\.test\/qrcode\/[A-Za-z0-9_-]{32}\.png$/);
    expect(data.customLogoUrl).toBeNull();
    expect(Date.parse(data.expiresAt)).toBe(before + 120_000);
  });

  it("serves a PNG whose QR decodes to the scan URL carrying the scan token, not the qrcodeId", async () => {
    const data = await generate();
    const scanToken = /\/qrcode\/(.+)\.png$/.exec(data.url)?.[1];

    const response = await fetch(localImageUrl(running.baseUrl, data.url));
    const png = Buffer.from(await response.arrayBuffer());

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("cache-control")).toBe("private, max-age=120");
    expect(response.headers.get("etag")).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const content = decodePngQr(png);
    expect(content).toBe(`http://qr.test/scan/${scanToken}`);
    expect(content).not.toContain(data.qrcodeId);
  });

  it("serves the SVG twin of the same content", async () => {
    const data = await generate();
    const svgUrl = localImageUrl(running.baseUrl, data.url).replace(/\.png$/, ".svg");

    const response = await fetch(svgUrl);

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/svg+xml");
    const pngContent = decodePngQr(
      Buffer.from(await (await fetch(localImageUrl(running.baseUrl, data.url))).arrayBuffer()),
    );
    expect(await decodeSvgQr(Buffer.from(await response.arrayBuffer()))).toBe(pngContent);
  });

  it("answers a repeat fetch carrying the ETag with 304 and no body", async () => {
    const url = localImageUrl(running.baseUrl, (await generate()).url);
    const first = await fetch(url);
    const etag = first.headers.get("etag") ?? "";

    const repeat = await fetch(url, { headers: { "if-none-match": etag } });

    expect(repeat.status).toBe(304);
    expect((await repeat.arrayBuffer()).byteLength).toBe(0);
    expect(repeat.headers.get("etag")).toBe(etag);
  });

  it("renders the requested size within bounds, and refuses sizes outside them by name", async () => {
    const url = localImageUrl(running.baseUrl, (await generate()).url);

    const small = await fetch(`${url}?size=64`);
    const large = await fetch(`${url}?size=1024`);
    const tooLarge = await fetch(`${url}?size=5000`);
    const notANumber = await fetch(`${url}?size=big`);

    expect(small.status).toBe(200);
    expect(large.status).toBe(200);
    expect((await large.arrayBuffer()).byteLength).toBeGreaterThan(0);
    for (const refused of [tooLarge, notANumber]) {
      expect(refused.status).toBe(400);
      const body = (await refused.json()) as { errors: { extensions: Record<string, unknown> }[] };
      expect(body.errors[0]?.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        apiCode: 2008,
        field: "size",
      });
    }
  });

  it("answers 404 with a JSON error for an unknown token and once the code has expired", async () => {
    const url = localImageUrl(running.baseUrl, (await generate()).url);
    const unknown = await fetch(`${running.baseUrl}/qrcode/${"A".repeat(32)}.png`);
    clock.advance(120_000);
    const expired = await fetch(url);
    clock.advance(-120_000);

    for (const response of [unknown, expired]) {
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toContain("application/json");
      const body = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
      expect(body.errors[0]?.extensions).toMatchObject({
        code: "NOT_FOUND",
        statusCode: 404,
        apiCode: 3000,
      });
    }
  });

  it("lands a plain phone camera on a page that names the app to open", async () => {
    const data = await generate();
    const content = decodePngQr(
      Buffer.from(await (await fetch(localImageUrl(running.baseUrl, data.url))).arrayBuffer()),
    );

    const page = await fetch(running.baseUrl + new URL(content ?? "").pathname);

    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Open this in the Demo Application app");
  });

  it("is an Apollo Federation 2 subgraph: _service { sdl } answers with the schema", async () => {
    const response = await running.graphql("{ _service { sdl } }");

    const sdl = (response.data as { _service: { sdl: string } } | undefined)?._service.sdl;
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.3"');
    expect(sdl).toContain("generateQRCode(input: GenerateQRCodeInput!): GeneQRCodeData!");
  });

  it("serves Apollo Sandbox's landing page to a browser that asks for it (?sandbox) in development", async () => {
    const response = await fetch(`${running.baseUrl}/graphql?sandbox`, {
      headers: { accept: "text/html" },
    });

    expect(response.status).toBe(200);
    expect(await response.text()).toContain("sandbox");
  });
});
