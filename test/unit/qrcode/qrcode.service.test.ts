import { AppTokenAuthenticator } from "../../../src/auth/app-token-authenticator";
import { ChannelRegistry } from "../../../src/qrcode/channels/channel-registry";
import { mobileAppChannel } from "../../../src/qrcode/channels/mobile-app/mobile-app.channel";
import { QRCodeService } from "../../../src/qrcode/qrcode.service";
import { applicationDirectory } from "../../../src/qrcode/resolve-caller";
import { FlexibleRateLimiter } from "../../../src/store/flexible-rate-limiter";
import { memoryStores } from "../../../src/store/memory/memory-stores";
import { ACME } from "../../support/applications";
import { ManualClock } from "../../support/manual-clock";

describe("QRCodeService.generate", () => {
  const clock = new ManualClock();
  const stores = memoryStores(clock);
  const { sessions: store } = stores;
  const channels = new ChannelRegistry([
    mobileAppChannel(new AppTokenAuthenticator(applicationDirectory([ACME]), clock)),
  ]);
  const service = new QRCodeService(store, stores.blobs, channels, clock, {
    publicUrl: "https://qr.test",
    retentionAfterExpiryMs: 300_000,
    applications: applicationDirectory([ACME]),
    rateLimiter: new FlexibleRateLimiter(),
    defaultGenerateLimit: { perClientIp: 1000, windowSeconds: 60 },
  });
  const caller = {
    app: ACME,
    request: { origin: "https://login.acme.test", userAgent: "Firefox", ip: "10.0.0.1" },
  };

  afterAll(() => stores.close());

  it("stores a PENDING session whose QR content carries the scan token, never the qrcodeId", async () => {
    const result = await service.generate(caller, {
      type: "MOBILE_APP",
      customData: { school: "hust" },
    });

    const session = await store.findById(result.qrcodeId);
    expect(session).toMatchObject({
      appId: "acme",
      type: "MOBILE_APP",
      status: "PENDING",
      customData: { school: "hust" },
      connectionId: "acme-app",
      request: caller.request,
    });
    expect(session?.content).toBe(`https://acme.test/qr-login?t=${session?.scanToken}`);
    expect(session?.content).not.toContain(result.qrcodeId);
    expect(result.url).toBe(`https://qr.test/qrcode/${session?.scanToken}.png`);
  });

  it("mints distinct, URL-safe handles: a 32-character scan token, and a qrcodeId of its 12-character tag and 192 random bits", async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, () => service.generate(caller, { type: "MOBILE_APP" })),
    );
    const sessions = await Promise.all(results.map((result) => store.findById(result.qrcodeId)));
    const handles = sessions.flatMap((session) => [session?.qrcodeId, session?.scanToken]);

    expect(new Set(handles).size).toBe(100);
    sessions.forEach((session) => {
      expect(session?.scanToken).toMatch(/^[A-Za-z0-9]{32}$/);
      expect(session?.qrcodeId).toMatch(/^[A-Za-z0-9]{12}[A-Za-z0-9_-]{32}$/);
      expect(session?.qrcodeId.slice(0, 12)).toBe(session?.scanToken.slice(0, 12));
    });
  });

  it("expires after the application's lifetime and stays readable for the retention time", async () => {
    const result = await service.generate(caller, { type: "MOBILE_APP" });

    expect(result.expiresAt.getTime()).toBe(clock.now() + 60_000);
    clock.advance(60_000 + 299_999);
    expect(await store.findById(result.qrcodeId)).not.toBeNull();
    clock.advance(1);
    expect(await store.findById(result.qrcodeId)).toBeNull();
  });

  it("returns the connection's logo for the client to compose", async () => {
    const result = await service.generate(caller, { type: "MOBILE_APP" });

    expect(result.customLogoUrl).toBe("https://acme.test/app.png");
  });

  it("refuses a WeChat type clearly while its flow is not on this server", async () => {
    await expect(service.generate(caller, { type: "WECHAT_MINIPROGRAM" })).rejects.toMatchObject({
      errorName: "QR_TYPE_UNAVAILABLE",
      details: { field: "type" },
    });
  });
});
