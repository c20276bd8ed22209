import WebSocket from "ws";

import { ConfirmQrCodeDocument, ScanQrCodeDocument } from "../../src/__generated__/client";
import { mintAppToken } from "../../src/auth/mint-app-token";
import { startChildServer, writeConfig } from "../support/child-server";
import { bearer, expectNoErrors, issueCode } from "../support/login-flow";
import { sendJson, startLoopbackServer } from "../support/loopback-server";
import { deleteKeys, REDIS_TEST_URL, uniqueKeyPrefix } from "../support/redis";
import { graphqlClient } from "../support/test-server";

const APP_TOKEN_SECRET = "shutdown-test-app-token-secret-0123456789";

describe("graceful shutdown on SIGTERM", () => {
  const keyPrefix = uniqueKeyPrefix("shutdown");

  afterAll(() => deleteKeys(keyPrefix));

  it("finishes the request in flight, closes subscriptions with 1001, and exits 0", async () => {
    // A login hook that takes its time keeps a confirmQRCode in flight across the SIGTERM.
    const hook = await startLoopbackServer((_request, _body, response) => {
      setTimeout(() => sendJson(response, 200, { allow: true }), 700);
    });
    const server = await startChildServer({
      QR_CONFIG: writeConfig(
        "shutdown.yaml",
        `applications:
  - appId: demo
    name: Shutdown
    appTokens: { issuer: app, audience: demo, secret: { env: APP_TOKEN_SECRET } }
    connections: [{ id: app, type: MOBILE_APP }]
    loginHook: { url: "${hook.url}/hook", secret: { env: APP_TOKEN_SECRET }, timeoutMs: 5000 }
`,
      ),
      APP_TOKEN_SECRET,
      REDIS_URL: REDIS_TEST_URL,
      REDIS_KEY_PREFIX: keyPrefix,
    });
    const api = graphqlClient(server.baseUrl);
    const token = await mintAppToken(
      { issuer: "app", audience: "demo", secret: APP_TOKEN_SECRET },
      { sub: "alice" },
    );
    const code = await issueCode(api);
    const input = { input: { scanToken: code.scanToken } };
    expectNoErrors((await api.graphql(ScanQrCodeDocument, input, bearer(token))).errors);

    const socket = new WebSocket(
      `${server.baseUrl.replace("http", "ws")}/graphql`,
      "graphql-transport-ws",
    );
    const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
    await new Promise((resolve) => socket.on("open", resolve));
    socket.send(JSON.stringify({ type: "connection_init", payload: { "x-app-id": "demo" } }));
    await new Promise((resolve) => socket.once("message", resolve));

    const inFlight = api.graphql(ConfirmQrCodeDocument, input, bearer(token));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const signalledAt = Date.now();
    server.process.kill("SIGTERM");

    expect(await closed).toBe(1001);
    const confirmed = await inFlight;
    expectNoErrors(confirmed.errors);
    expect(confirmed.data?.confirmQRCode.status).toBe("AUTHORIZED");
    expect(await server.exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    expect(server.output()).toContain("shutting down");
    await hook.close();
  });
});
