import { generateKeyPairSync } from "node:crypto";

import { exportJWK, SignJWT } from "jose";

import { ScanQrCodeDocument } from "../../src/__generated__/client";
import { mintAppToken } from "../../src/auth/mint-app-token";
import { DEMO_APP_TOKENS, DEMO_APPLICATION } from "../../src/config/demo-application";
import { type Application } from "../../src/qrcode/application";
import { ACME, ACME_APP_TOKEN_SECRET } from "../support/applications";
import { bearer, expectNoErrors, issueCode, onlyError } from "../support/login-flow";
import { type LoopbackServer, sendJson, startLoopbackServer } from "../support/loopback-server";
import { type RunningServer, startTestServer } from "../support/test-server";

const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });

function appWithTokens(appId: string, appTokens: Application["appTokens"]): Application {
  return { ...DEMO_APPLICATION, appId, name: appId, appTokens };
}

function es256Token(issuer: string, audience: string, sub = "dora"): Promise<string> {
  return new SignJWT({ name: "Dora" })
    .setProtectedHeader({ alg: "ES256", kid: "k1" })
    .setIssuer(issuer)
    .setAudience(audience)
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(privateKey);
}

describe("scanners prove who they are with the company app's token", () => {
  let running: RunningServer;
  let jwksServer: LoopbackServer;

  beforeAll(async () => {
    const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "ES256" };
    jwksServer = await startLoopbackServer((_request, _body, response) =>
      sendJson(response, 200, { keys: [jwk] }),
    );
    const deadJwks = await startLoopbackServer((_request, _body, response) =>
      sendJson(response, 500, {}),
    );
    await deadJwks.close();
    running = await startTestServer({
      applications: [
        DEMO_APPLICATION,
        ACME,
        appWithTokens("pem-app", {
          issuer: "pem-issuer",
          audience: "pem-app",
          key: {
            kind: "publicKey",
            pem: publicKey.export({ format: "pem", type: "spki" }).toString(),
          },
        }),
        appWithTokens("jwks-app", {
          issuer: "jwks-issuer",
          audience: "jwks-app",
          key: { kind: "jwks", url: `${jwksServer.url}/jwks.json` },
        }),
        appWithTokens("dead-jwks-app", {
          issuer: "dead-issuer",
          audience: "dead-jwks-app",
          key: { kind: "jwks", url: `${deadJwks.url}/jwks.json` },
        }),
        appWithTokens("no-tokens-app", undefined),
      ],
    });
  });

  afterAll(async () => {
    await running.close();
    await jwksServer.close();
  });

  async function scanWith(token: string | undefined, appId = "demo") {
    const code = await issueCode(running, undefined, { "x-app-id": appId });
    return running.graphql(
      ScanQrCodeDocument,
      { input: { scanToken: code.scanToken } },
      token === undefined ? {} : bearer(token),
    );
  }

  it.each([
    ["no token", undefined, 4000],
    ["a token that is not a JWT", "not-a-jwt", 4001],
    [
      "a token signed with another secret",
      () => mintAppToken({ ...DEMO_APP_TOKENS, secret: "x".repeat(40) }, { sub: "eve" }),
      4001,
    ],
    [
      "a token of another issuer",
      () => mintAppToken({ ...DEMO_APP_TOKENS, issuer: "someone-else" }, { sub: "eve" }),
      4001,
    ],
    [
      "a token whose subject names a WeChat user (wechat:<appId>:<openid>)",
      () => mintAppToken(DEMO_APP_TOKENS, { sub: "wechat:wx-oa-test:zoe" }),
      4001,
    ],
    [
      "a token whose subject names a WeChat union user",
      () => mintAppToken(DEMO_APP_TOKENS, { sub: "wechat-union:o6_bmasdasdsad6" }),
      4001,
    ],
    [
      "an expired token",
      () => mintAppToken(DEMO_APP_TOKENS, { sub: "eve" }, 60, Date.now() - 3_600_000),
      4002,
    ],
  ])("refuses %s as UNAUTHENTICATED", async (_case, token, apiCode) => {
    const value = typeof token === "function" ? await token() : token;

    const response = await scanWith(value);

    expect(onlyError(response.errors).extensions).toMatchObject({
      code: "UNAUTHENTICATED",
      statusCode: 401,
      apiCode,
    });
  });

  it("refuses a valid token of another application as FORBIDDEN", async () => {
    const acmeToken = await mintAppToken(
      { issuer: "acme-mobile", audience: "acme", secret: ACME_APP_TOKEN_SECRET },
      { sub: "mallory" },
    );

    const response = await scanWith(acmeToken);

    expect(onlyError(response.errors).extensions).toMatchObject({
      code: "FORBIDDEN",
      statusCode: 403,
      apiCode: 4003,
    });
  });

  it("refuses any scan of an application that has no app-token policy", async () => {
    const token = await mintAppToken(DEMO_APP_TOKENS, { sub: "alice" });

    const response = await scanWith(token, "no-tokens-app");

    expect(onlyError(response.errors).extensions).toMatchObject({
      code: "FORBIDDEN",
      apiCode: 4004,
    });
  });

  it("accepts ES256 tokens checked against a configured PEM public key", async () => {
    const response = await scanWith(await es256Token("pem-issuer", "pem-app"), "pem-app");

    expectNoErrors(response.errors);
    expect(response.data?.scanQRCode.status).toBe("SCANNED");
  });

  it("accepts tokens checked against a JWKS URL", async () => {
    const accepted = await scanWith(await es256Token("jwks-issuer", "jwks-app"), "jwks-app");

    expectNoErrors(accepted.errors);
    expect(accepted.data?.scanQRCode.status).toBe("SCANNED");
  });

  it("answers BAD_GATEWAY when the application's JWKS cannot be fetched", async () => {
    const refused = await scanWith(
      await es256Token("dead-issuer", "dead-jwks-app"),
      "dead-jwks-app",
    );

    expect(onlyError(refused.errors).extensions).toMatchObject({
      code: "BAD_GATEWAY",
      statusCode: 502,
      apiCode: 4005,
    });
  });
});
