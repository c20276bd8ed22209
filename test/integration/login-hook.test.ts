import { importJWK, type JWK, jwtVerify } from "jose";

import {
  ExchangeQrCodeTicketDocument,
  GenerateQrCodeDocument,
  QrCodeStatusDocument,
} from "../../src/__generated__/client";
import { DEMO_APPLICATION } from "../../src/config/demo-application";
import { SIGNATURE_HEADER, signHookBody, TIMESTAMP_HEADER } from "../../src/hooks/http-login-hook";
import { type Application } from "../../src/qrcode/application";
import {
  demoUserToken,
  expectNoErrors,
  issueCode,
  type IssuedCode,
  onlyError,
  scanAndConfirm,
} from "../support/login-flow";
import { type LoopbackServer, sendJson, startLoopbackServer } from "../support/loopback-server";
import { type RunningServer, startTestServer } from "../support/test-server";

const HOOK_SECRET = "hook-secret-for-tests";

type HookBehaviour = "allow" | "deny" | "slow" | "error" | "garbage";

describe("the application's login hook, on a real HTTP server", () => {
  let hook: LoopbackServer;
  let running: RunningServer;
  let behaviour: HookBehaviour = "allow";
  const calls: { body: Record<string, unknown>; signatureValid: boolean }[] = [];
  let alice: string;

  beforeAll(async () => {
    hook = await startLoopbackServer((request, body, response) => {
      const timestamp = String(request.headers[TIMESTAMP_HEADER]);
      calls.push({
        body: JSON.parse(body) as Record<string, unknown>,
        signatureValid:
          request.headers[SIGNATURE_HEADER] === `v1=${signHookBody(HOOK_SECRET, timestamp, body)}`,
      });
      switch (behaviour) {
        case "allow":
          return sendJson(response, 200, { allow: true, claims: { role: "admin", sub: "evil" } });
        case "deny":
          return sendJson(response, 200, { allow: false, reason: "account locked" });
        case "slow":
          // Unref'd: the service gives up at 300 ms, and this must not hold the test run open.
          return setTimeout(() => sendJson(response, 200, { allow: true }), 1_000).unref();
        case "error":
          return sendJson(response, 500, { message: "boom" });
        case "garbage":
          return sendJson(response, 200, { maybe: true });
      }
    });
    const hooked: Application = {
      ...DEMO_APPLICATION,
      loginHook: { url: `${hook.url}/login`, secret: HOOK_SECRET, timeoutMs: 300 },
    };
    running = await startTestServer({ applications: [hooked] });
    alice = await demoUserToken("alice", "Alice");
  });

  afterAll(async () => {
    await running.close();
    await hook.close();
  });

  beforeEach(() => {
    calls.length = 0;
  });

  async function statusOf(code: IssuedCode) {
    const response = await running.graphql(QrCodeStatusDocument, { qrcodeId: code.qrcodeId });
    expectNoErrors(response.errors);
    return response.data?.qrCodeStatus;
  }

  it("sends a signed call, and its claims reach the tokens (never overriding ours)", async () => {
    behaviour = "allow";
    const code = await issueCode(running, { plan: "pro" }, { origin: "https://login.demo.test" });

    expectNoErrors((await scanAndConfirm(running, code, alice)).errors);

    expect(calls).toHaveLength(1);
    expect(calls[0]?.signatureValid).toBe(true);
    expect(calls[0]?.body).toMatchObject({
      appId: "demo",
      type: "MOBILE_APP",
      user: { id: "alice", displayName: "Alice" },
      connection: { id: "demo-app", type: "MOBILE_APP" },
      context: {},
      request: { origin: "https://login.demo.test", ip: "127.0.0.1" },
    });
    const status = await statusOf(code);
    const exchanged = await running.graphql(ExchangeQrCodeTicketDocument, {
      ticket: status?.ticket ?? "",
    });
    expectNoErrors(exchanged.errors);
    const jwks = await fetch(`${running.baseUrl}/.well-known/jwks.json`).then(
      (response) => response.json() as Promise<{ keys: JWK[] }>,
    );
    const key = await importJWK(jwks.keys[0] as JWK, "ES256");
    const { payload } = await jwtVerify(
      exchanged.data?.exchangeQRCodeTicket.accessToken ?? "",
      key,
    );
    expect(payload).toMatchObject({ role: "admin", sub: "alice" });
  });

  it("cancels the code with the hook's reason when it denies", async () => {
    behaviour = "deny";
    const code = await issueCode(running);

    const response = await scanAndConfirm(running, code, alice);

    expect(onlyError(response.errors)).toMatchObject({
      message: "the login was denied: account locked",
      extensions: { code: "FORBIDDEN", statusCode: 403, apiCode: 3030, reason: "account locked" },
    });
    expect(await statusOf(code)).toMatchObject({
      status: "CANCELLED",
      cancelReason: "account locked",
      cancelledBy: "APPLICATION",
      ticket: null,
    });
  });

  it.each([
    ["times out", "slow" as const],
    ["answers HTTP 500", "error" as const],
    ["answers something else than a decision", "garbage" as const],
  ])("fails closed when the hook %s", async (_case, failure) => {
    behaviour = failure;
    const code = await issueCode(running);

    const response = await scanAndConfirm(running, code, alice);

    expect(onlyError(response.errors).extensions).toMatchObject({
      code: "BAD_GATEWAY",
      statusCode: 502,
      apiCode: 3031,
    });
    expect((await statusOf(code))?.status).toBe("CANCELLED");
  });

  it("does not call the hook for a code that is only generated", async () => {
    await running.graphql(GenerateQrCodeDocument, { input: { type: "MOBILE_APP" } });
    expect(calls).toHaveLength(0);
  });
});
