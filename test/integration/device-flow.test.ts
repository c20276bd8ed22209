import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";

import {
  CancelQrCodeDocument,
  ConfirmQrCodeDocument,
  ScanQrCodeDocument,
} from "../../src/__generated__/client";
import { demoLikeApplication } from "../support/applications";
import { bearer, demoUserToken, expectNoErrors, scanAndConfirm } from "../support/login-flow";
import { runOidcDeviceClient } from "../support/oidc-client";
import { type RunningServer, startSelfLinkedServer } from "../support/test-server";

const SECRET = "the-back-end-client-secret-0123456789abcdef";
const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

jest.setTimeout(30_000);

describe("any OAuth client logs in by QR: discovery and the device authorization grant", () => {
  let running: RunningServer;

  beforeAll(async () => {
    running = await startSelfLinkedServer({
      applications: [
        demoLikeApplication("tv"),
        demoLikeApplication("backend", { clientSecret: SECRET }),
        demoLikeApplication("brief", { qrCodeLifetimeSeconds: 10 }),
      ],
      limits: { devicePollIntervalSeconds: 1 },
    });
  });

  afterAll(async () => {
    await running.close();
  });

  const scanTokenOf = (link: unknown) => /\/scan\/([A-Za-z0-9_-]+)$/.exec(String(link))?.[1] ?? "";
  const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields).toString(),
  });
  const deviceAuthorization = async (clientId: string) =>
    (await (
      await fetch(`${running.baseUrl}/oauth/device_authorization`, form({ client_id: clientId }))
    ).json()) as Record<string, string | number>;
  const poll = async (clientId: string, deviceCode: string, extra: Record<string, string> = {}) => {
    const response = await fetch(
      `${running.baseUrl}/oauth/token`,
      form({ grant_type: DEVICE_GRANT, device_code: deviceCode, client_id: clientId, ...extra }),
    );
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as Record<string, string>,
    };
  };
  const approve = async (link: unknown, user: string) =>
    expectNoErrors(
      (
        await scanAndConfirm(
          running,
          { qrcodeId: "", scanToken: scanTokenOf(link) },
          await demoUserToken(user, user.toUpperCase()),
        )
      ).errors,
    );
  const waitInterval = () => new Promise((resolve) => setTimeout(resolve, 1000));

  it("publishes OpenID Provider metadata whose issuer is the tokens' iss", async () => {
    const response = await fetch(`${running.baseUrl}/.well-known/openid-configuration`);
    const metadata = (await response.json()) as Record<string, unknown>;

    expect(metadata).toMatchObject({
      issuer: running.baseUrl,
      jwks_uri: `${running.baseUrl}/.well-known/jwks.json`,
      token_endpoint: `${running.baseUrl}/oauth/token`,
      device_authorization_endpoint: `${running.baseUrl}/oauth/device_authorization`,
      grant_types_supported: [DEVICE_GRANT],
      id_token_signing_alg_values_supported: ["ES256"],
      token_endpoint_auth_methods_supported: ["none", "client_secret_basic", "client_secret_post"],
    });
  });

  it.each([
    ["a public client", "tv", undefined],
    [
      "a confidential client (client_secret_basic)",
      "backend",
      { value: SECRET, method: "basic" as const },
    ],
    [
      "a confidential client (client_secret_post)",
      "backend",
      { value: SECRET, method: "post" as const },
    ],
  ])(
    "logs %s in with openid-client: the scan link approved by the company's app, tokens verified against jwks_uri",
    async (_name, clientId, secret) => {
      const run = runOidcDeviceClient(running.baseUrl, clientId, secret);
      const { device } = await run.authorized;

      expect(device?.user_code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
      expect(device?.verification_uri).toBe(`${running.baseUrl}/device`);
      expect(device).toMatchObject({ expires_in: 120, interval: 1 });
      await approve(device?.verification_uri_complete, "ivy");
      const { tokens, claims, step, message } = await run.finished;

      expect({ step, message }).toEqual({ step: "done", message: undefined });
      expect(claims).toMatchObject({
        iss: running.baseUrl,
        aud: clientId,
        sub: "ivy",
        name: "IVY",
      });
      expect(tokens).toMatchObject({
        token_type: expect.stringMatching(/^bearer$/i),
        scope: "openid profile",
      });
      const jwks = createRemoteJWKSet(new URL(`${running.baseUrl}/.well-known/jwks.json`));
      await expect(
        jwtVerify(String(tokens?.access_token), jwks, {
          issuer: running.baseUrl,
          audience: clientId,
        }),
      ).resolves.toBeTruthy();
    },
  );

  it("tells openid-client access_denied when the person refuses on the phone", async () => {
    const run = runOidcDeviceClient(running.baseUrl, "tv");
    const { device } = await run.authorized;
    const phone = bearer(await demoUserToken("jon", "Jon"));
    const input = { input: { scanToken: scanTokenOf(device?.verification_uri_complete) } };
    await running.graphql(ScanQrCodeDocument, input, phone);
    await running.graphql(CancelQrCodeDocument, input, phone);

    expect(await run.finished).toMatchObject({ step: "error", error: "access_denied" });
  });

  it("tells openid-client expired_token when nobody approves in time", async () => {
    const run = runOidcDeviceClient(running.baseUrl, "brief");

    expect(await run.finished).toMatchObject({ step: "error", error: "expired_token" });
  });

  it("refuses a wrong client secret with 401 invalid_client and WWW-Authenticate", async () => {
    const run = runOidcDeviceClient(running.baseUrl, "backend", {
      value: "wrong",
      method: "basic",
    });
    const basic = Buffer.from("backend:wrong").toString("base64");
    const raw = await fetch(
      `${running.baseUrl}/oauth/device_authorization`,
      form({}, { authorization: `Basic ${basic}` }),
    );

    expect(await run.finished).toMatchObject({
      step: "error",
      error: "invalid_client",
      status: 401,
    });
    expect(raw.status).toBe(401);
    expect(raw.headers.get("www-authenticate")).toMatch(/^Basic /);
    expect(raw.headers.get("cache-control")).toBe("no-store");
  });

  it("answers authorization_pending, then slow_down to a poll within the interval, growing it by 5 s", async () => {
    const device = await deviceAuthorization("tv");
    await waitInterval();

    const pending = await poll("tv", String(device.device_code));
    const tooSoon = await poll("tv", String(device.device_code));

    expect(pending).toMatchObject({ status: 400, body: { error: "authorization_pending" } });
    expect(pending.headers.get("cache-control")).toBe("no-store");
    expect(tooSoon).toMatchObject({ status: 400, body: { error: "slow_down" } });
    expect(tooSoon.body.error_description).toContain("wait 6 s");
  });

  it("gives a client whose reply was lost the same tokens again, once", async () => {
    const device = await deviceAuthorization("tv");
    await approve(device.verification_uri_complete, "kim");
    await waitInterval();

    const first = await poll("tv", String(device.device_code));
    const retried = await poll("tv", String(device.device_code));

    expect(first.status).toBe(200);
    expect(decodeJwt(first.body.id_token ?? "")).toMatchObject({ sub: "kim" });
    expect(retried.body.access_token).toBe(first.body.access_token);
  });

  it("refuses an unknown device code (invalid_grant), another grant type, and another client's device code", async () => {
    const device = await deviceAuthorization("tv");

    await expect(poll("tv", "no-such-device-code")).resolves.toMatchObject({
      status: 400,
      body: { error: "invalid_grant", api_code: 3013 },
    });
    await expect(
      poll("tv", String(device.device_code), { grant_type: "authorization_code" }),
    ).resolves.toMatchObject({ status: 400, body: { error: "unsupported_grant_type" } });
    await expect(poll("brief", String(device.device_code))).resolves.toMatchObject({
      body: { error: "invalid_grant" },
    });
  });

  it("lets a person type the user code in the app instead of scanning: any case, with or without the dash", async () => {
    const device = await deviceAuthorization("tv");
    const typed = String(device.user_code).toLowerCase().replace("-", " ");
    const phone = { ...bearer(await demoUserToken("lea", "Lea")), "x-app-id": "tv" };

    const scanned = await running.graphql(
      ScanQrCodeDocument,
      { input: { userCode: typed } },
      phone,
    );
    const confirmed = await running.graphql(
      ConfirmQrCodeDocument,
      { input: { userCode: String(device.user_code).replace("-", "") } },
      phone,
    );
    await waitInterval();

    expect(scanned.data?.scanQRCode).toMatchObject({
      status: "SCANNED",
      applicationName: "App tv",
    });
    expect(confirmed.data?.confirmQRCode.status).toBe("AUTHORIZED");
    expect((await poll("tv", String(device.device_code))).body).toMatchObject({
      token_type: "Bearer",
    });
  });

  it("takes a typed user code on the REST facade's scanner calls too (v3 and v2)", async () => {
    const device = await deviceAuthorization("tv");
    const headers = {
      "content-type": "application/json",
      "x-authing-app-id": "tv",
      authorization: `Bearer ${await demoUserToken("oli", "Oli")}`,
    };
    const call = async (path: string, body: object) =>
      (await (
        await fetch(`${running.baseUrl}${path}`, {
          method: "POST",
          headers,
          body: JSON.stringify(body),
        })
      ).json()) as { statusCode?: number; code?: number; data?: { status?: number } };

    const scanned = await call("/api/v3/change-qrcode-status", {
      userCode: device.user_code,
      action: "SCAN",
    });
    const confirmed = await call("/api/v2/qrcode/confirm", { userCode: device.user_code });
    await waitInterval();

    expect(scanned.statusCode).toBe(200);
    expect(confirmed).toMatchObject({ code: 200, data: { status: 2 } });
    expect((await poll("tv", String(device.device_code))).status).toBe(200);
  });

  it("looks a typed code up in the application the call names, and only there", async () => {
    const device = await deviceAuthorization("tv");
    const token = bearer(await demoUserToken("max", "Max"));
    const input = { input: { userCode: String(device.user_code) } };

    const unnamed = await running.graphql(ScanQrCodeDocument, input, { ...token, "x-app-id": "" });
    const elsewhere = await running.graphql(ScanQrCodeDocument, input, {
      ...token,
      "x-app-id": "brief",
    });

    expect(unnamed.errors?.[0]?.extensions).toMatchObject({ apiCode: 2100 });
    expect(elsewhere.errors?.[0]?.extensions).toMatchObject({ apiCode: 3014, field: "userCode" });
  });

  it("shows a person with a phone what to do at verification_uri, in English or Chinese", async () => {
    const english = await fetch(`${running.baseUrl}/device`, {
      headers: { "accept-language": "en-GB" },
    });
    const chinese = await fetch(`${running.baseUrl}/device`, {
      headers: { "accept-language": "zh-CN,zh;q=0.9,en;q=0.8" },
    });

    expect(await english.text()).toMatch(/<html lang="en">[\s\S]*scan the QR code/);
    expect(await chinese.text()).toMatch(/<html lang="zh-CN">[\s\S]*扫描二维码/);
    expect(chinese.headers.get("vary")).toBe("accept-language");
  });
});

describe("wrong user codes are paced (RFC 8628 §5.1)", () => {
  let running: RunningServer;

  beforeAll(async () => {
    running = await startSelfLinkedServer({
      applications: [demoLikeApplication("tv")],
      trustProxy: { kind: "addresses", addresses: ["loopback"] },
    });
  });

  afterAll(async () => {
    await running.close();
  });

  it("allows 10 wrong codes a minute from one address, then makes even a right one wait; another address goes on", async () => {
    const authorized = (await (
      await fetch(`${running.baseUrl}/oauth/device_authorization`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "client_id=tv",
      })
    ).json()) as { user_code: string };
    const from = async (address: string, userCode: string) =>
      (
        await running.graphql(
          ScanQrCodeDocument,
          { input: { userCode } },
          {
            ...bearer(await demoUserToken("ned", "Ned")),
            "x-app-id": "tv",
            "x-forwarded-for": address,
          },
        )
      ).errors?.[0]?.extensions?.apiCode ?? "ok";

    const wrong = [];
    for (let guess = 0; guess < 10; guess++) {
      wrong.push(await from("198.51.100.1", "BBBB-BBBB"));
    }

    expect(wrong).toEqual(Array(10).fill(3014));
    expect(await from("198.51.100.1", authorized.user_code)).toBe(3027);
    expect(await from("198.51.100.2", authorized.user_code)).toBe("ok");
  });
});
