import { type AppError } from "../../../../src/errors/app-error";
import { mobileAppChannel } from "../../../../src/qrcode/channels/mobile-app/mobile-app.channel";
import { type NewCode } from "../../../../src/qrcode/channels/qr-channel";
import { miniProgramChannel } from "../../../../src/qrcode/channels/wechat-miniprogram/wechat-miniprogram.channel";
import { officialAccountChannel } from "../../../../src/qrcode/channels/wechat-official-account/wechat-official-account.channel";
import { type StoredBlob } from "../../../../src/qrcode/ports/blob-store.port";
import { type MiniProgramCodeRequest } from "../../../../src/qrcode/ports/wechat-mini-program.port";
import { ACME } from "../../../support/applications";
import { officialAccountConnection } from "../../../support/official-account";
import { miniProgramConnection } from "../../../support/wechat";

const PNG: StoredBlob = { contentType: "image/png", body: Buffer.from("png") };

function newCode(changes: Partial<NewCode> = {}): NewCode {
  return {
    app: ACME,
    connection: undefined,
    scanToken: "S".repeat(32),
    scanUrl: "https://qr.test/scan/SSSS",
    expiresAt: Date.now() + 60_000,
    autoMergeQrCode: false,
    ...changes,
  };
}

const errorName = (promise: Promise<unknown>) =>
  promise.then(
    () => "none",
    (error: AppError) => error.errorName,
  );

describe("the MOBILE_APP channel", () => {
  const channel = mobileAppChannel({
    authenticate: async (_app, token) => ({ userId: token ?? "", displayName: "From token" }),
  });

  it("draws the scan link and names the user by the app token's subject", async () => {
    await expect(channel.makeImage(newCode())).resolves.toEqual({
      kind: "rendered",
      content: "https://qr.test/scan/SSSS",
    });
    await expect(
      channel.identifyScanner(ACME, undefined, { bearerToken: "alice", fields: {} }),
    ).resolves.toMatchObject({ userId: "alice" });
  });

  it("refuses a subject that would name a WeChat user", async () => {
    await expect(
      errorName(
        channel.identifyScanner(ACME, undefined, { bearerToken: "wechat:wx1:bob", fields: {} }),
      ),
    ).resolves.toBe("APP_TOKEN_INVALID");
  });
});

describe("the WECHAT_MINIPROGRAM channel", () => {
  const asked: MiniProgramCodeRequest[] = [];
  const merged: string[] = [];
  const channel = miniProgramChannel(
    {
      unlimitedCode: async (_app, request) => (asked.push(request), PNG),
      codeToSession: async (app, code) => ({
        appId: app.appId,
        openid: `openid-${code}`,
        unionid: code === "bound" ? "u1" : undefined,
      }),
    },
    { merge: async (code, logoUrl) => (merged.push(logoUrl), code) },
  );
  const connection = miniProgramConnection();

  it("asks WeChat for a code whose scene is the scan token, with the connection's settings, and merges the logo on request", async () => {
    const image = await channel.makeImage(newCode({ connection, autoMergeQrCode: true }));

    expect(image).toEqual({ kind: "stored", blob: PNG });
    expect(asked.at(-1)).toEqual({
      scene: "S".repeat(32),
      envVersion: "release",
      width: 430,
      checkPath: true,
      page: "pages/login/index",
    });
    expect(merged).toEqual(["https://acme.test/mp.png"]);
  });

  it("names the person by unionid when WeChat gives one, else by openid in its app, and links the WeChat ids", async () => {
    const bound = await channel.identifyScanner(ACME, connection, { fields: { wxCode: "bound" } });
    const plain = await channel.identifyScanner(ACME, connection, {
      fields: { wxCode: "code1", displayName: "Dora" },
    });

    expect(bound).toMatchObject({ userId: "wechat-union:u1", linked: { provider: "wechat" } });
    expect(plain).toMatchObject({ userId: "wechat:wx-mp-test:openid-code1", displayName: "Dora" });
  });

  it("checks the proof before WeChat is asked", async () => {
    await expect(
      errorName(channel.identifyScanner(ACME, connection, { fields: {} })),
    ).resolves.toBe("WECHAT_CODE_REQUIRED");
    await expect(
      errorName(
        channel.identifyScanner(ACME, connection, { fields: { wxCode: "c", photo: "http://x" } }),
      ),
    ).resolves.toBe("INVALID_INPUT");
  });
});

describe("the WECHAT_OFFICIAL_ACCOUNT channel", () => {
  const channel = officialAccountChannel({
    createLoginQrCode: async (_app, scene, seconds) => ({
      url: `https://weixin.qq.com/q/${scene}?${seconds}`,
      ticket: "t",
    }),
    unionIdOf: async () => undefined,
  });

  it("draws WeChat's parametric code for the scan token, living as long as the code", async () => {
    await expect(
      channel.makeImage(newCode({ connection: officialAccountConnection() })),
    ).resolves.toEqual({
      kind: "rendered",
      content: `https://weixin.qq.com/q/${"S".repeat(32)}?${ACME.qrCodeLifetimeSeconds}`,
    });
  });

  it("has no scanner call: WeChat's event push logs the page in", async () => {
    await expect(
      errorName(channel.identifyScanner(ACME, officialAccountConnection(), { fields: {} })),
    ).resolves.toBe("WECHAT_EVENT_ONLY");
  });
});
