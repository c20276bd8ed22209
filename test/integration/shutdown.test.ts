import { once } from "node:events";
import { connect } from "node:net";

import WebSocket from "ws";

import {
  ConfirmQrCodeDocument,
  GenerateQrCodeDocument,
  ScanQrCodeDocument,
} from "../../src/__generated__/client";
import { mintAppToken } from "../../src/auth/mint-app-token";
import { startChildServer, writeConfig } from "../support/child-server";
import { bearer, expectNoErrors, issueCode } from "../support/login-flow";
import { sendJson, startLoopbackServer } from "../support/loopback-server";
import { deleteKeys, REDIS_TEST_URL, uniqueKeyPrefix } from "../support/redis";
import { graphqlClient } from "../support/test-server";

const APP_TOKEN_SECRET = "shutdown-test-app-token-secret-0123456789";

/** A request whose headers arrive now and whose body arrives when `finish` is called. */
async function startSlowUpload(baseUrl: string): Promise<{ finish(): Promise<number> }> {
  const body = JSON.stringify({
    query: "mutation { generateQRCode(input: { type: MOBILE_APP }) { qrcodeId } }",
  });
  const { port } = new URL(baseUrl);
  const socket = connect(Number(port), "127.0.0.1");
  await once(socket, "connect");
  socket.write(
    `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
      `x-app-id: demo\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
  );
  const replied = new Promise<number>((resolve) => {
    socket.once("data", (chunk: Buffer) =>
      resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(chunk.toString("latin1"))?.[1] ?? 0)),
    );
    socket.once("close", () => resolve(0));
  });
  socket.on("error", () => undefined);
  return {
    async finish() {
      socket.write(body);
      const status = await replied;
      socket.destroy();
      return status;
    },
  };
}

describe("graceful shutdown on SIGTERM", () => {
  const keyPrefix = uniqueKeyPrefix("shutdown");

  afterAll(() => deleteKeys(keyPrefix));

  it("finishes the request in flight, serves or refuses those arriving meanwhile, closes subscriptions with 1012, and exits 0", async () => {
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
      SHUTDOWN_DRAIN_MS: "0",
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
    const uploading = await startSlowUpload(server.baseUrl);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const signalledAt = Date.now();
    server.process.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 100));
    const uploadedStatus = await uploading.finish();
    // Requests that arrive while the process drains are served or refused at the connection,
    // never answered 500 by a GraphQL server that stopped before HTTP did.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const during = await Promise.all(
      Array.from({ length: 5 }, () =>
        api.graphql(GenerateQrCodeDocument, { input: { type: "MOBILE_APP" } }).then(
          (response) => response.status,
          () => "refused",
        ),
      ),
    );

    expect(uploadedStatus).toBe(200);
    expect(during.filter((status) => status !== 200 && status !== "refused")).toEqual([]);
    expect(await closed).toBe(1012);
    const confirmed = await inFlight;
    expectNoErrors(confirmed.errors);
    expect(confirmed.data?.confirmQRCode.status).toBe("AUTHORIZED");
    expect(await server.exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    expect(server.output()).toContain("shutting down");
    await hook.close();
  });
});
