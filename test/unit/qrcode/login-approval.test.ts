import { ChannelRegistry } from "../../../src/qrcode/channels/channel-registry";
import { officialAccountChannel } from "../../../src/qrcode/channels/wechat-official-account/wechat-official-account.channel";
import { LoginApproval } from "../../../src/qrcode/login-approval";
import { type QRCodeSession, type ScannerIdentity } from "../../../src/qrcode/qrcode.types";
import { applicationDirectory } from "../../../src/qrcode/resolve-caller";
import { memoryStores } from "../../../src/store/memory/memory-stores";
import { newHandles } from "../../support/handles";
import { officialAccountConnection } from "../../support/official-account";
import { miniProgramApplication } from "../../support/wechat";

describe("LoginApproval.loginByEvent (an official account's signed event)", () => {
  const app = miniProgramApplication([officialAccountConnection()]);
  const stores = memoryStores();
  const issued: string[] = [];
  const service = new LoginApproval(
    stores.sessions,
    applicationDirectory([app]),
    new ChannelRegistry([
      officialAccountChannel({
        createLoginQrCode: () => Promise.reject(new Error("not in this test")),
        unionIdOf: () => Promise.resolve(undefined),
      }),
    ]),
    { ask: async () => ({ allow: true, claims: {} }) },
    { issue: async () => `ticket-${issued.push("x")}` },
  );
  const zoe: ScannerIdentity = { userId: "wechat:wx-oa-test:zoe" };

  afterAll(() => stores.close());

  async function codeScannedBy(scanner: ScannerIdentity): Promise<QRCodeSession> {
    const session: QRCodeSession = {
      ...newHandles(),
      appId: app.appId,
      type: "WECHAT_OFFICIAL_ACCOUNT",
      status: "PENDING",
      content: "x",
      connectionId: "acme-oa",
      autoMergeQrCode: false,
      request: {},
      createdAt: Date.now(),
      expiresAt: Date.now() + 60_000,
    };
    await stores.sessions.create(session, session.expiresAt);
    // A first delivery that wrote SCANNED, then was cut off (a store fault) before AUTHORIZED.
    await stores.sessions.compareAndSetStatus(session.qrcodeId, ["PENDING"], {
      status: "SCANNED",
      scanner,
    });
    return session;
  }

  it("completes a code the same WeChat person already scanned, when WeChat redelivers", async () => {
    const code = await codeScannedBy(zoe);

    const loggedIn = await service.loginByEvent(code.scanToken, "acme-oa", zoe);

    expect(loggedIn?.status).toBe("AUTHORIZED");
    expect((await stores.sessions.findById(code.qrcodeId))?.ticket).toBeTruthy();
  });

  it("leaves a code someone else scanned alone", async () => {
    const code = await codeScannedBy({ userId: "wechat:wx-oa-test:yan" });

    const loggedIn = await service.loginByEvent(code.scanToken, "acme-oa", zoe);

    expect(loggedIn).toBeNull();
    expect((await stores.sessions.findById(code.qrcodeId))?.status).toBe("SCANNED");
  });
});
