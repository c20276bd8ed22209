import { type AppError } from "../../../src/errors/app-error";
import { ChannelRegistry } from "../../../src/qrcode/channels/channel-registry";
import { type QRChannel } from "../../../src/qrcode/channels/qr-channel";
import { LoginApproval } from "../../../src/qrcode/login-approval";
import {
  type LoginHookCall,
  type LoginHookDecision,
} from "../../../src/qrcode/ports/login-hook.port";
import { type QRCodeSession } from "../../../src/qrcode/qrcode.types";
import { applicationDirectory } from "../../../src/qrcode/resolve-caller";
import { ScannerService } from "../../../src/qrcode/scanner.service";
import { memoryStores } from "../../../src/store/memory/memory-stores";
import { demoLikeApplication } from "../../support/applications";
import { newHandles } from "../../support/handles";

/** A channel whose scanner proves itself with a bearer token that is its user id, and may
 * bring a profile: the service's rules, not a channel's proof, are under test here. */
const tokenIsUser: QRChannel = {
  type: "MOBILE_APP",
  fields: { customData: true, context: false, autoMergeQrCode: false },
  proofFields: ["displayName"],
  imageRoomBytes: 0,
  needsConnection: false,
  anonymousName: "Someone",
  makeImage: async ({ scanUrl }) => ({ kind: "rendered", content: scanUrl }),
  identifyScanner: async (_app, _connection, proof) => ({
    userId: proof.bearerToken ?? "",
    displayName: proof.fields.displayName,
  }),
};

describe("ScannerService", () => {
  const stores = memoryStores();
  const app = {
    ...demoLikeApplication("acme"),
    loginHook: { url: "http://hook.test", secret: "s", timeoutMs: 1000 },
  };
  const hookCalls: LoginHookCall[] = [];
  let decision: LoginHookDecision = { allow: true, claims: {} };
  const directory = applicationDirectory([app]);
  const channels = new ChannelRegistry([tokenIsUser]);
  const service = new ScannerService(
    stores.sessions,
    directory,
    channels,
    new LoginApproval(
      stores.sessions,
      directory,
      channels,
      { ask: async (_hook, call) => (hookCalls.push(call), decision) },
      { issue: async () => "T".repeat(32) },
    ),
    { assertWithin: async () => undefined },
    { scanTokenOf: async () => Promise.reject(new Error("no user codes in this test")) },
    { now: () => Date.now() },
  );

  afterAll(() => stores.close());

  async function newCode(): Promise<QRCodeSession> {
    const session: QRCodeSession = {
      ...newHandles(),
      appId: app.appId,
      type: "MOBILE_APP",
      status: "PENDING",
      content: "x",
      autoMergeQrCode: false,
      request: { origin: "https://login.acme.test", userAgent: "Chrome", ip: "203.0.113.7" },
      createdAt: Date.now(),
      expiresAt: Date.now() + 60_000,
    };
    await stores.sessions.create(session, session.expiresAt);
    return session;
  }
  const call = (code: QRCodeSession, user: string, fields: Record<string, string> = {}) => ({
    scanToken: code.scanToken,
    bearerToken: user,
    fields,
  });
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error("expected a refusal");
      },
      (error: AppError) => error.errorName,
    );

  it("shows the scanner what it is approving, and lets only that person confirm", async () => {
    const code = await newCode();

    const card = await service.scan(call(code, "alice"));

    expect(card).toMatchObject({
      status: "SCANNED",
      applicationName: app.name,
      requestOrigin: "https://login.acme.test",
      requestUserAgent: "Chrome",
      requestIp: "203.0.113.7",
    });
    await expect(refusal(service.scan(call(code, "mallory")))).resolves.toBe(
      "QRCODE_SCANNED_BY_ANOTHER_USER",
    );
    await expect(refusal(service.confirm(call(code, "mallory")))).resolves.toBe(
      "QRCODE_SCANNED_BY_ANOTHER_USER",
    );
    await expect(service.confirm(call(code, "alice"))).resolves.toMatchObject({
      status: "AUTHORIZED",
    });
  });

  it("refuses a confirm before the scan, and any step on a finished code", async () => {
    const code = await newCode();

    await expect(refusal(service.confirm(call(code, "alice")))).resolves.toBe("QRCODE_NOT_SCANNED");
    await service.cancel(call(code, "alice"));
    await expect(refusal(service.scan(call(code, "alice")))).resolves.toBe("QRCODE_CANCELLED");
  });

  it("refuses a scanner field the channel does not read, naming it", async () => {
    const code = await newCode();

    const error = await service
      .scan(call(code, "alice", { wxCode: "abc" }))
      .catch((e: AppError) => e);

    expect(error).toMatchObject({
      errorName: "PROOF_FIELD_NOT_FOR_TYPE",
      details: { field: "wxCode" },
    });
  });

  it("keeps the profile of the confirm (else the scan's, else the channel's anonymous name) for the page", async () => {
    const named = await newCode();
    const nameless = await newCode();
    await service.scan(call(named, "alice", { displayName: "Ali" }));
    await service.scan(call(nameless, "bob"));

    await service.confirm(call(named, "alice", { displayName: "Alice" }));
    await service.confirm(call(nameless, "bob"));

    expect((await stores.sessions.findById(named.qrcodeId))?.scanner?.displayName).toBe("Alice");
    expect((await stores.sessions.findById(nameless.qrcodeId))?.scanner?.displayName).toBe(
      "Someone",
    );
  });

  it("asks the login hook before AUTHORIZED, and a denial cancels the code with its reason", async () => {
    const code = await newCode();
    await service.scan(call(code, "carol"));
    decision = { allow: false, reason: "outside office hours" };

    const denied = await refusal(service.confirm(call(code, "carol")));
    decision = { allow: true, claims: {} };

    expect(denied).toBe("LOGIN_DENIED");
    expect(hookCalls.at(-1)).toMatchObject({ appId: "acme", user: { id: "carol" } });
    expect(await stores.sessions.findById(code.qrcodeId)).toMatchObject({
      status: "CANCELLED",
      cancelReason: "outside office hours",
    });
  });
});
