import { generateKeyPairSync } from "node:crypto";

import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";

import { ExchangeQrCodeTicketDocument } from "../../src/__generated__/client";
import { mintAppToken } from "../../src/auth/mint-app-token";
import { type ChildServer, startChildServer, writeConfig } from "../support/child-server";
import { expectNoErrors, issueCode, pacedStatus, scanAndConfirm } from "../support/login-flow";
import { deleteKeys, REDIS_TEST_URL, uniqueKeyPrefix } from "../support/redis";
import { graphqlClient } from "../support/test-server";

const APP_TOKEN_SECRET = "key-rotation-test-app-token-secret-0123456";
const POLL_INTERVAL_MS = 100;
const SWITCH_IN_MS = 4000;

const pem = () =>
  generateKeyPairSync("ec", { namedCurve: "P-256" })
    .privateKey.export({ format: "pem", type: "pkcs8" })
    .toString();

/** A whole login on one replica; answers its access token. */
async function login(replica: ChildServer, user: string): Promise<string> {
  const api = graphqlClient(replica.baseUrl);
  const code = await issueCode(api);
  const token = await mintAppToken(
    { issuer: "app", audience: "demo", secret: APP_TOKEN_SECRET },
    { sub: user },
  );
  expectNoErrors((await scanAndConfirm(api, code, token)).errors);
  const status = await pacedStatus(api, code.qrcodeId);
  const ticket = status.data?.qrCodeStatus.ticket ?? "";
  const exchanged = await api.graphql(ExchangeQrCodeTicketDocument, { ticket });
  expectNoErrors(exchanged.errors);
  return exchanged.data?.exchangeQRCodeTicket.accessToken ?? "";
}

describe("signing keys rotate by time, with no lost verification", () => {
  const keyPrefix = uniqueKeyPrefix("rotation");

  afterAll(() => deleteKeys(keyPrefix));

  it("a verifier set up before the switch (jose createRemoteJWKSet) verifies every token issued across it, on two replicas", async () => {
    const switchAt = new Date(Date.now() + SWITCH_IN_MS).toISOString();
    const env = {
      QR_CONFIG: writeConfig(
        "rotation.yaml",
        `signingKeys:
  - { kid: old, privateKey: { env: OLD_KEY }, activeFrom: "2026-01-01T00:00:00Z" }
  - { kid: new, privateKey: { env: NEW_KEY }, activeFrom: "${switchAt}" }
applications:
  - appId: demo
    name: Rotation
    pollIntervalMs: ${POLL_INTERVAL_MS}
    appTokens: { issuer: app, audience: demo, secret: { env: APP_TOKEN_SECRET } }
    connections: [{ id: app, type: MOBILE_APP }]
`,
      ),
      OLD_KEY: pem(),
      NEW_KEY: pem(),
      APP_TOKEN_SECRET,
      REDIS_URL: REDIS_TEST_URL,
      REDIS_KEY_PREFIX: keyPrefix,
    };
    const replicas = await Promise.all([startChildServer(env), startChildServer(env)]);
    try {
      const [first, second] = replicas as [ChildServer, ChildServer];
      // Set up, and its JWKS fetched, before the switch; its cooldown (30 s) forbids a refetch
      // within this test, so the new key must have been published from the start.
      const jwks = createRemoteJWKSet(new URL(`${first.baseUrl}/.well-known/jwks.json`));
      const before = [await login(first, "ana"), await login(second, "ben")];
      const verifyAll = (tokens: string[]) =>
        Promise.all(
          tokens.map((token) => jwtVerify(token, jwks, { audience: "demo" }).then(() => "ok")),
        );
      expect(await verifyAll(before)).toEqual(["ok", "ok"]);
      await new Promise((resolve) => setTimeout(resolve, Date.parse(switchAt) - Date.now() + 50));
      const after = [await login(first, "cai"), await login(second, "dee")];

      expect([...before, ...after].map((token) => decodeProtectedHeader(token).kid)).toEqual([
        "old",
        "old",
        "new",
        "new",
      ]);
      expect(await verifyAll([...before, ...after])).toEqual(["ok", "ok", "ok", "ok"]);
      const published = (await (await fetch(`${second.baseUrl}/.well-known/jwks.json`)).json()) as {
        keys: { kid: string }[];
      };
      expect(published.keys.map((key) => key.kid)).toEqual(["old", "new"]);
      expect(first.output()).toContain("signing key new starts signing in");
    } finally {
      replicas.forEach((replica) => replica.process.kill("SIGKILL"));
    }
  }, 30_000);
});
