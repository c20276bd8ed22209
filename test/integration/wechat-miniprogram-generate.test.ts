import sharp from "sharp";

import { GenerateQrCodeDocument } from "../../src/__generated__/client";
import { type RunningServer, startTestServer } from "../support/test-server";
import {
  decodeImageQr,
  FakeWeChat,
  generateWeChatCode,
  miniProgramApplication,
  miniProgramConnection,
  MP_APP_ID,
  MP_SECRET,
  scanTokenOf,
  WX_HEADERS,
} from "../support/wechat";

const MANY = { generateLimit: { perClientIp: 100_000, windowSeconds: 60 } };

describe("WECHAT_MINIPROGRAM generation, against a fake WeChat", () => {
  let fake: FakeWeChat;
  let running: RunningServer;

  beforeEach(async () => {
    fake = await FakeWeChat.start([{ appId: MP_APP_ID, secret: MP_SECRET }]);
    fake.publishPages(["pages/login/index"]);
    running = await startTestServer({
      applications: [
        miniProgramApplication([
          miniProgramConnection(),
          miniProgramConnection({
            id: "acme-mp-logo",
            logoUrl: `${fake.url}/__fake/logo.png`,
          }),
        ]),
      ],
      wechatBaseUrl: fake.url,
      limits: MANY,
    });
  });

  afterEach(async () => {
    await running.close();
    await fake.close();
  });

  function generate(input: Record<string, unknown> = {}) {
    return generateWeChatCode(running, input);
  }

  async function fetchImage(url: string) {
    const response = await fetch(running.baseUrl + new URL(url).pathname);
    return { response, body: Buffer.from(await response.arrayBuffer()) };
  }

  it("serves WeChat's mini program code, whose scene is the scan token, as a JPEG with caching headers", async () => {
    const data = await generate();

    expect(data.url).toMatch(/\/qrcode\/[A-Za-z0-9]{32}\.jpg$/);
    expect(data.customLogoUrl).toBe("https://acme.test/mp.png");
    const { response, body } = await fetchImage(data.url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/jpeg");
    expect(response.headers.get("cache-control")).toMatch(/^private, max-age=(59|60)$/);
    expect(response.headers.get("etag")).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect([...body.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(await decodeImageQr(body)).toBe(`scene=${scanTokenOf(data.url)}`);
    const again = await fetch(running.baseUrl + new URL(data.url).pathname, {
      headers: { "if-none-match": response.headers.get("etag") ?? "" },
    });
    expect(again.status).toBe(304);
  });

  it("uses the connection extIdpConnId names, and refuses other extensions for WeChat's image", async () => {
    const data = await generate({ extIdpConnId: "acme-mp-logo" });

    expect(data.customLogoUrl).toBe(`${fake.url}/__fake/logo.png`);
    const png = await fetch(running.baseUrl + new URL(data.url).pathname.replace(".jpg", ".png"));
    expect(png.status).toBe(404);
  });

  it("merges the logo on the server when asked: same size, logo in the centre, corners untouched", async () => {
    const plain = await generate({ extIdpConnId: "acme-mp-logo" });
    const merged = await generate({ extIdpConnId: "acme-mp-logo", autoMergeQrCode: true });

    expect(merged.customLogoUrl).toBeNull();
    const original = await sharp((await fetchImage(plain.url)).body)
      .raw()
      .toBuffer({
        resolveWithObject: true,
      });
    const result = await sharp((await fetchImage(merged.url)).body)
      .raw()
      .toBuffer({
        resolveWithObject: true,
      });
    expect([result.info.width, result.info.height]).toEqual([430, 430]);
    const pixel = (image: typeof result, x: number, y: number) => {
      const at = (y * image.info.width + x) * image.info.channels;
      return [...image.data.subarray(at, at + 3)];
    };
    const [r, g, b] = pixel(result, 215, 215);
    expect(r).toBeGreaterThan(200);
    expect(g).toBeLessThan(40);
    expect(b).toBeLessThan(40);
    for (const [x, y] of [
      [5, 5],
      [424, 5],
      [5, 424],
      [424, 424],
    ] as const) {
      pixel(result, x, y).forEach((channel, index) =>
        expect(Math.abs(channel - (pixel(original, x, y)[index] as number))).toBeLessThan(16),
      );
    }
  });

  it("refuses a logo it cannot fetch with LOGO_UNAVAILABLE, never a broken image", async () => {
    await running.close();
    running = await startTestServer({
      applications: [
        miniProgramApplication([
          miniProgramConnection({ logoUrl: `${fake.url}/__fake/no-such-logo.png` }),
        ]),
      ],
      wechatBaseUrl: fake.url,
    });

    const response = await running.graphql(
      GenerateQrCodeDocument,
      { input: { type: "WECHAT_MINIPROGRAM", autoMergeQrCode: true } },
      WX_HEADERS,
    );

    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_GATEWAY",
      apiCode: 6007,
      statusCode: 502,
    });
  });

  it("makes one token call for 100 generations, and one for 50 concurrent ones on a cold cache", async () => {
    await Promise.all(Array.from({ length: 50 }, () => generate()));
    expect(fake.calls("/cgi-bin/stable_token")).toBe(1);

    for (let index = 0; index < 50; index += 1) {
      await generate();
    }

    expect(fake.calls("/cgi-bin/stable_token")).toBe(1);
    expect(fake.calls("/wxa/getwxacodeunlimit")).toBe(100);
    expect(fake.calls("/cgi-bin/token")).toBe(0);
  });

  it.each([40001, 40014, 42001])(
    "drops the token, fetches again and retries once on errcode %i",
    async (errcode) => {
      await generate();
      fake.faults.add("/wxa/getwxacodeunlimit", { errcode });

      const data = await generate();

      expect(data.url).toMatch(/\.jpg$/);
      expect(fake.calls("/cgi-bin/stable_token")).toBe(2);
      expect(fake.calls("/wxa/getwxacodeunlimit")).toBe(3);
    },
  );

  it("gets a new token once WeChat's expires, without force_refresh", async () => {
    await generate();
    fake.expireTokens();

    await generate();

    expect(fake.calls("/cgi-bin/stable_token")).toBe(2);
  });

  it("gives up after one retry when a fresh token is refused too", async () => {
    fake.faults.add("/wxa/getwxacodeunlimit", { errcode: 40001 }, 2);

    const response = await running.graphql(
      GenerateQrCodeDocument,
      { input: { type: "WECHAT_MINIPROGRAM" } },
      WX_HEADERS,
    );

    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_GATEWAY",
      apiCode: 6003,
      wechatErrcode: 40001,
    });
    expect(fake.calls("/wxa/getwxacodeunlimit")).toBe(2);
  });
});
