import {
  ConfirmQrCodeDocument,
  QrCodeStatusDocument,
  ScanQrCodeDocument,
} from "../../src/__generated__/client";
import { demoLikeApplication } from "../support/applications";
import { bearer, demoUserToken, issueCode } from "../support/login-flow";
import { ManualClock } from "../support/manual-clock";
import { type RunningServer, startTestServer } from "../support/test-server";

const CHROME_ON_MAC =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

/** RFC 10027's cross-device defences, on the card the phone shows and in the application's
 * rules. Addresses come through X-Forwarded-For from loopback, which the server trusts. */
describe("what the phone is shown before it approves, and the application's cross-device rules", () => {
  const clock = new ManualClock(Date.UTC(2026, 11, 6, 12));
  let running: RunningServer;

  beforeAll(async () => {
    running = await startTestServer({
      clock,
      trustProxy: { kind: "addresses", addresses: ["loopback"] },
      applications: [
        demoLikeApplication("open"),
        demoLikeApplication("strict", { crossDevice: { requireSameNetwork: true } }),
        demoLikeApplication("prompt", {
          crossDevice: { requireSameNetwork: false, maxCodeAgeSeconds: 30 },
        }),
      ],
    });
  });

  afterAll(async () => {
    await running.close();
  });

  const page = (appId: string) => ({
    "x-app-id": appId,
    "user-agent": CHROME_ON_MAC,
    "x-forwarded-for": "203.0.113.7",
  });
  async function phone(from?: string) {
    return {
      ...bearer(await demoUserToken("pat", "Pat")),
      "x-app-id": "",
      ...(from ? { "x-forwarded-for": from } : {}),
    };
  }

  it("shows a readable browser and system, the code's age, and whether the phone shares the page's network", async () => {
    const near = await issueCode(running, undefined, page("open"));
    const far = await issueCode(running, undefined, page("open"));
    const unknown = await issueCode(running, undefined, page("open"));
    clock.advance(42_000);

    const scan = async (scanToken: string, from?: string) =>
      (await running.graphql(ScanQrCodeDocument, { input: { scanToken } }, await phone(from))).data
        ?.scanQRCode;
    const sameNet = await scan(near.scanToken, "203.0.113.99");
    const otherNet = await scan(far.scanToken, "198.51.100.5");
    const untold = await scan(unknown.scanToken);

    expect(sameNet).toMatchObject({
      requestBrowser: "Chrome 131",
      requestOs: "macOS 14.5",
      requestIp: "203.0.113.7",
      codeAgeSeconds: 42,
      sameNetwork: true,
    });
    expect(otherNet?.sameNetwork).toBe(false);
    expect(untold?.sameNetwork).toBeNull();
  });

  it("refuses an approval from another network where the application requires the same one, and tells the page why", async () => {
    const code = await issueCode(running, undefined, page("strict"));
    const from = await phone("198.51.100.5");
    await running.graphql(ScanQrCodeDocument, { input: { scanToken: code.scanToken } }, from);

    const confirmed = await running.graphql(
      ConfirmQrCodeDocument,
      { input: { scanToken: code.scanToken } },
      from,
    );
    const status = await running.graphql(
      QrCodeStatusDocument,
      { qrcodeId: code.qrcodeId },
      page("strict"),
    );

    expect(confirmed.errors?.[0]?.extensions).toMatchObject({ apiCode: 3032, code: "FORBIDDEN" });
    expect(status.data?.qrCodeStatus).toMatchObject({
      status: "CANCELLED",
      cancelReason: expect.stringContaining("another network"),
      cancelledBy: "APPLICATION",
    });
  });

  it("lets the same network approve where the application requires it", async () => {
    const code = await issueCode(running, undefined, page("strict"));
    const from = await phone("203.0.113.200");
    await running.graphql(ScanQrCodeDocument, { input: { scanToken: code.scanToken } }, from);

    const confirmed = await running.graphql(
      ConfirmQrCodeDocument,
      { input: { scanToken: code.scanToken } },
      from,
    );

    expect(confirmed.data?.confirmQRCode.status).toBe("AUTHORIZED");
  });

  it("refuses an approval of a code older than the application allows", async () => {
    const code = await issueCode(running, undefined, page("prompt"));
    const from = await phone("203.0.113.8");
    await running.graphql(ScanQrCodeDocument, { input: { scanToken: code.scanToken } }, from);
    clock.advance(31_000);

    const confirmed = await running.graphql(
      ConfirmQrCodeDocument,
      { input: { scanToken: code.scanToken } },
      from,
    );

    expect(confirmed.errors?.[0]?.extensions).toMatchObject({ apiCode: 3033 });
  });
});
