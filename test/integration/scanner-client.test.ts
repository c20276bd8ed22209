import {
  type ApiErrorName,
  type ApprovalCard,
  fetchRequest,
  parseScanLink,
  ScannerClient,
  ScannerError,
  ScannerTransportError,
} from "@qr-login-gateway/scanner";

import { QrCodeStatusDocument } from "../../src/__generated__/client";
import { mintAppToken } from "../../src/auth/mint-app-token";
import { DEMO_APP_TOKENS } from "../../src/config/demo-application";
import { type Application } from "../../src/qrcode/application";
import { ACME, ACME_APP_TOKEN_SECRET, demoLikeApplication } from "../support/applications";
import { decodePngQr } from "../support/decode-qr";
import { demoUserToken, issueCode, type IssuedCode } from "../support/login-flow";
import { type LoopbackServer, sendJson, startLoopbackServer } from "../support/loopback-server";
import { ManualClock } from "../support/manual-clock";
import { type RunningServer, startTestServer } from "../support/test-server";

const PAGE_ADDRESS = "203.0.113.7";
const CHROME_ON_MAC =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

/**
 * The scanner client package (packages/scanner) against the real service over real HTTP: every
 * call, and every error row a phone meets with an app token (WeChat's rows are in
 * scanner-client-wechat.test.ts). Addresses come through a trusted X-Forwarded-For.
 */
describe("the scanner client, against the service", () => {
  const clock = new ManualClock(Date.now());
  let hook: LoopbackServer;
  let hookAnswer: "deny" | "error" = "deny";
  let running: RunningServer;

  beforeAll(async () => {
    hook = await startLoopbackServer((_request, _body, response) =>
      hookAnswer === "deny"
        ? sendJson(response, 200, { allow: false, reason: "account locked" })
        : sendJson(response, 500, { message: "down" }),
    );
    const hooked: Application = demoLikeApplication("hooked", {
      loginHook: { url: hook.url, secret: "hook-secret", timeoutMs: 1000 },
    });
    running = await startTestServer({
      clock,
      trustProxy: { kind: "addresses", addresses: ["loopback"] },
      limits: { scannerLimit: { perAddress: 3000, perCode: 12, windowSeconds: 60 } },
      applications: [
        demoLikeApplication("demo", { name: "Demo Application" }),
        hooked,
        demoLikeApplication("strict", { crossDevice: { requireSameNetwork: true } }),
        demoLikeApplication("prompt", {
          crossDevice: { requireSameNetwork: false, maxCodeAgeSeconds: 30 },
        }),
        ACME,
      ],
    });
  });

  afterAll(async () => {
    await running.close();
    await hook.close();
  });

  /** A phone at `address`: the client as an app would build it, over the Fetch API. */
  function phone(address = "203.0.113.99", appId?: string): ScannerClient {
    return new ScannerClient({
      baseUrl: running.baseUrl,
      request: fetchRequest(fetch),
      appId,
      headers: { "x-forwarded-for": address },
    });
  }

  const person = async (name: string) => ({ bearerToken: await demoUserToken(name, name) });

  function code(appId = "demo"): Promise<IssuedCode> {
    return issueCode(running, undefined, {
      "x-app-id": appId,
      "user-agent": CHROME_ON_MAC,
      "x-forwarded-for": PAGE_ADDRESS,
    });
  }

  async function refusal(call: Promise<ApprovalCard>): Promise<ScannerError> {
    const error: unknown = await call.then(
      () => new Error("the call succeeded"),
      (thrown: unknown) => thrown,
    );
    if (!(error instanceof ScannerError)) {
      throw error;
    }
    return error;
  }

  async function expectRefused(call: Promise<ApprovalCard>, name: ApiErrorName) {
    const error = await refusal(call);
    expect({ name: error.errorName, is: error.is(name) }).toEqual({ name, is: true });
    expect(error.requestId).toEqual(expect.any(String));
    return error;
  }

  it("reads the scan token from the content of a real code's image, and nothing from other codes", async () => {
    const data = await running.graphql(
      "mutation { generateQRCode(input: { type: MOBILE_APP }) { url } }",
      undefined,
      { "x-app-id": "demo" },
    );
    const url = (data.data as { generateQRCode: { url: string } }).generateQRCode.url;
    const image = await fetch(running.baseUrl + new URL(url).pathname);
    const content = decodePngQr(Buffer.from(await image.arrayBuffer())) ?? "";

    const scanToken = parseScanLink(content, { publicUrl: new URL(url).origin });

    expect(scanToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(content.endsWith(`/scan/${scanToken}`)).toBe(true);
    expect(parseScanLink(content, { publicUrl: "https://elsewhere.test" })).toBeNull();
    expect(parseScanLink("WIFI:S:cafe;T:WPA;P:secret;;")).toBeNull();
    expect(
      parseScanLink(`https://acme.test/qr-login?t=${scanToken}`, {
        scanUrlTemplate: ACME.scanUrlTemplate,
      }),
    ).toBe(scanToken);
  });

  it("scans, shows the approval card, and confirms: the login page sees AUTHORIZED", async () => {
    const issued = await code();
    const alice = await person("alice");

    const card = await phone().scan({ scanToken: issued.scanToken }, alice);
    const confirmed = await phone().confirm({ scanToken: issued.scanToken }, alice);
    const status = await running.graphql(QrCodeStatusDocument, { qrcodeId: issued.qrcodeId });

    expect(card).toMatchObject({
      status: "SCANNED",
      applicationName: "Demo Application",
      requestBrowser: "Chrome 131",
      requestOs: "macOS 14.5",
      requestIp: PAGE_ADDRESS,
      sameNetwork: true,
      codeAgeSeconds: expect.any(Number),
      requestedAt: expect.any(String),
      expiresAt: expect.any(String),
    });
    expect(confirmed.status).toBe("AUTHORIZED");
    expect(status.data?.qrCodeStatus).toMatchObject({
      status: "AUTHORIZED",
      briefUserInfo: { displayName: "alice" },
    });
  });

  it("cancels, and the card says CANCELLED; a confirm after it is QRCODE_CANCELLED", async () => {
    const issued = await code();
    const bob = await person("bob");
    await phone().scan({ scanToken: issued.scanToken }, bob);

    const cancelled = await phone().cancel({ scanToken: issued.scanToken }, bob);

    expect(cancelled.status).toBe("CANCELLED");
    await expectRefused(phone().confirm({ scanToken: issued.scanToken }, bob), "QRCODE_CANCELLED");
  });

  it("scans by a user code a person typed, in the application the client names", async () => {
    const device = (await (
      await fetch(`${running.baseUrl}/oauth/device_authorization`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "client_id=demo",
      })
    ).json()) as { user_code: string };
    const typed = device.user_code.toLowerCase().replace("-", "");

    const card = await phone(undefined, "demo").scan({ userCode: typed }, await person("carol"));
    const noApp = await refusal(phone().scan({ userCode: typed }, await person("carol")));

    expect(card).toMatchObject({ status: "SCANNED", applicationName: "Demo Application" });
    expect(noApp).toMatchObject({ errorName: "APP_ID_REQUIRED", apiCode: 2100, field: "x-app-id" });
  });

  it("meets the code's lifecycle errors as typed errors with their apiCode", async () => {
    const [unscanned, taken, done] = await Promise.all([code(), code(), code()]);
    const [dan, eve] = await Promise.all([person("dan"), person("eve")]);
    await phone().scan({ scanToken: taken.scanToken }, dan);
    await phone().scan({ scanToken: done.scanToken }, dan);
    await phone().confirm({ scanToken: done.scanToken }, dan);

    const notFound = await expectRefused(
      phone().scan({ scanToken: "x".repeat(32) }, dan),
      "QRCODE_NOT_FOUND",
    );
    await expectRefused(
      phone().confirm({ scanToken: unscanned.scanToken }, dan),
      "QRCODE_NOT_SCANNED",
    );
    await expectRefused(
      phone().scan({ scanToken: taken.scanToken }, eve),
      "QRCODE_SCANNED_BY_ANOTHER_USER",
    );
    await expectRefused(
      phone().confirm({ scanToken: done.scanToken }, dan),
      "QRCODE_ALREADY_AUTHORIZED",
    );
    const badInput = await expectRefused(
      phone().scan({ scanToken: "not a token" }, dan),
      "INVALID_INPUT",
    );

    expect(notFound).toMatchObject({ apiCode: 3000, code: "NOT_FOUND", statusCode: 404 });
    expect(badInput).toMatchObject({ apiCode: 2000, code: "BAD_USER_INPUT", field: "scanToken" });
  });

  it("meets an expired code as QRCODE_EXPIRED", async () => {
    const issued = await code();
    // Past its 120 s, within the 5 minutes an ended code stays readable.
    clock.advance(180_000);

    await expectRefused(
      phone().scan({ scanToken: issued.scanToken }, await person("fay")),
      "QRCODE_EXPIRED",
    );
  });

  it("meets each way an app token fails", async () => {
    const issued = await code();
    const expired = await mintAppToken(DEMO_APP_TOKENS, { sub: "gus" }, 60, Date.now() - 3_600_000);
    const acmeToken = await mintAppToken(
      { issuer: "acme-mobile", audience: "acme", secret: ACME_APP_TOKEN_SECRET },
      { sub: "gus" },
    );
    const scan = (bearerToken: string) =>
      phone().scan({ scanToken: issued.scanToken }, { bearerToken });

    await expectRefused(scan(""), "APP_TOKEN_REQUIRED");
    await expectRefused(scan("not-a-jwt"), "APP_TOKEN_INVALID");
    await expectRefused(scan(expired), "APP_TOKEN_EXPIRED");
    await expectRefused(scan(acmeToken), "APP_TOKEN_OTHER_APPLICATION");
    await expectRefused(
      phone().scan({ scanToken: issued.scanToken }, { wxCode: "wx-code" }),
      "PROOF_FIELD_NOT_FOR_TYPE",
    );
  });

  it("meets the application's refusals: its login hook, and its cross-device rules, with the reason", async () => {
    const [denied, failing, strict, prompt] = await Promise.all([
      code("hooked"),
      code("hooked"),
      code("strict"),
      code("prompt"),
    ]);
    const hal = await person("hal");
    for (const issued of [denied, failing, strict, prompt]) {
      await phone("198.51.100.5").scan({ scanToken: issued.scanToken }, hal);
    }

    const loginDenied = await expectRefused(
      phone("198.51.100.5").confirm({ scanToken: denied.scanToken }, hal),
      "LOGIN_DENIED",
    );
    hookAnswer = "error";
    await expectRefused(
      phone("198.51.100.5").confirm({ scanToken: failing.scanToken }, hal),
      "LOGIN_HOOK_FAILED",
    );
    await expectRefused(
      phone("198.51.100.5").confirm({ scanToken: strict.scanToken }, hal),
      "CROSS_NETWORK_REFUSED",
    );
    clock.advance(31_000);
    await expectRefused(
      phone("198.51.100.5").confirm({ scanToken: prompt.scanToken }, hal),
      "CODE_TOO_OLD",
    );

    expect(loginDenied.reason).toBe("account locked");
  });

  it("meets pacing with retryAfterMs: too many calls on one code, too many wrong user codes", async () => {
    const issued = await code();
    const ivy = await person("ivy");
    const paced = phone("198.51.100.77", "demo");

    let scannerLimited: ScannerError | undefined;
    for (let call = 0; call < 14 && !scannerLimited; call++) {
      scannerLimited = await paced
        .scan({ scanToken: issued.scanToken }, ivy)
        .then(() => undefined, refusalOf);
    }
    const wrong: (string | undefined)[] = [];
    for (let guess = 0; guess < 11; guess++) {
      wrong.push((await refusal(paced.scan({ userCode: "BCDF-GHJK" }, ivy))).errorName);
    }

    expect(scannerLimited?.errorName).toBe("SCANNER_RATE_LIMITED");
    expect(scannerLimited?.retryAfterMs).toBeGreaterThan(0);
    expect(wrong.slice(0, 10)).toEqual(Array(10).fill("USER_CODE_NOT_FOUND"));
    expect(wrong[10]).toBe("USER_CODE_RATE_LIMITED");
  });

  it("says ScannerTransportError, not a crash, when something else answers or nothing does", async () => {
    const proxyPage = new ScannerClient({
      baseUrl: running.baseUrl,
      request: async () => ({ status: 502, body: "<html>Bad gateway</html>" }),
    });
    const offline = new ScannerClient({
      baseUrl: running.baseUrl,
      request: () => Promise.reject(new Error("network is down")),
    });
    const proof = await person("jo");

    const errors = await Promise.all(
      [proxyPage, offline].map((client) =>
        client.scan({ scanToken: "x".repeat(32) }, proof).catch((error: unknown) => error),
      ),
    );

    expect(errors[0]).toBeInstanceOf(ScannerTransportError);
    expect(errors[0]).toMatchObject({ status: 502 });
    expect(errors[1]).toBeInstanceOf(ScannerTransportError);
    expect((errors[1] as Error).message).toContain("network is down");
  });
});

function refusalOf(error: unknown): ScannerError {
  if (error instanceof ScannerError) {
    return error;
  }
  throw error;
}
