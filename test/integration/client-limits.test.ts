import WebSocket from "ws";

import {
  GenerateQrCodeDocument,
  QrCodeStatusChangedDocument,
  ScanQrCodeDocument,
} from "../../src/__generated__/client";
import { bearer, demoUserToken, expectNoErrors, issueCode, onlyError } from "../support/login-flow";
import { subscribe, wsClient } from "../support/status-feed";
import { type RunningServer, startTestServer } from "../support/test-server";

const generate = (running: RunningServer, headers: Record<string, string> = {}) =>
  running.graphql(GenerateQrCodeDocument, { input: { type: "MOBILE_APP" } }, headers);

describe("what one client may make the service hold", () => {
  let running: RunningServer;

  beforeAll(async () => {
    running = await startTestServer({
      limits: {
        wsConnectionsPerAddress: 3,
        subscriptionsPerConnection: 2,
        subscriptionsPerCode: 2,
      },
    });
  });

  afterAll(() => running.close());

  it("refuses an Origin header that is not an origin, naming the field", async () => {
    for (const origin of [
      `https://${"a".repeat(16_000)}.com`,
      "https://login.test/path",
      "javascript:1",
    ]) {
      const refused = await generate(running, { origin });

      expect(onlyError(refused.errors).extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        apiCode: 2000,
        field: "origin",
      });
    }
    expectNoErrors((await generate(running, { origin: "https://login.test" })).errors);
    expectNoErrors((await generate(running, { origin: "null" })).errors);
  });

  it("refuses a subscription past the per-connection cap, on that connection only", async () => {
    const client = wsClient(running.baseUrl, { "x-app-id": "demo" });
    const codes = [await issueCode(running), await issueCode(running), await issueCode(running)];
    const feeds = codes.map((code) =>
      subscribe(client, QrCodeStatusChangedDocument, { qrcodeId: code.qrcodeId }),
    );

    await feeds[2]?.ended;
    await Promise.all(feeds.slice(0, 2).map((feed) => feed.next(1)));

    expect(feeds[2]?.errors[0]?.extensions).toMatchObject({
      code: "TOO_MANY_REQUESTS",
      statusCode: 429,
      apiCode: 3024,
    });
    await client.dispose();
  });

  it("refuses a third subscription to one code", async () => {
    const code = await issueCode(running);
    const clients = [1, 2, 3].map(() => wsClient(running.baseUrl, { "x-app-id": "demo" }));
    const feeds = clients.map((client) =>
      subscribe(client, QrCodeStatusChangedDocument, { qrcodeId: code.qrcodeId }),
    );

    await Promise.race(feeds.map((feed) => feed.ended));

    const refused = feeds.filter((feed) => feed.errors.length > 0);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.errors[0]?.extensions).toMatchObject({ apiCode: 3023, field: "qrcodeId" });
    await Promise.all(clients.map((client) => client.dispose()));
  });
});

describe("WebSockets per client address", () => {
  let running: RunningServer;

  beforeAll(async () => {
    running = await startTestServer({ limits: { wsConnectionsPerAddress: 3 } });
  });

  afterAll(() => running.close());

  it("refuses an upgrade past the cap with HTTP 429 and a coded body", async () => {
    const url = `${running.baseUrl.replace("http", "ws")}/graphql`;
    const open = () =>
      new Promise<WebSocket>((resolve, reject) => {
        const socket = new WebSocket(url, "graphql-transport-ws");
        socket.once("open", () => resolve(socket));
        socket.once("error", reject);
      });
    const held = [await open(), await open(), await open()];

    const refusal = await new Promise<{ status: number; body: string }>((resolve) => {
      const socket = new WebSocket(url, "graphql-transport-ws");
      socket.once("unexpected-response", (_request, response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      });
      socket.once("error", () => undefined);
    });

    expect(refusal.status).toBe(429);
    expect(JSON.parse(refusal.body)).toMatchObject({
      errors: [{ extensions: { code: "TOO_MANY_REQUESTS", apiCode: 3025 } }],
    });
    held.forEach((socket) => socket.close());
  });
});

describe("the default generate limit", () => {
  let running: RunningServer;

  beforeAll(async () => {
    running = await startTestServer();
  });

  afterAll(() => running.close());

  it("caps codes per client address at 120 a minute without any configuration", async () => {
    const answers = [];
    for (let index = 0; index < 121; index += 1) {
      answers.push(await generate(running));
    }

    expect(answers.slice(0, 120).every((answer) => !answer.errors)).toBe(true);
    expect(onlyError(answers[120]?.errors).extensions).toMatchObject({
      code: "TOO_MANY_REQUESTS",
      apiCode: 3021,
      retryAfterMs: expect.any(Number),
    });
  });
});

describe("behind one trusted proxy (TRUST_PROXY=1)", () => {
  let running: RunningServer;

  beforeAll(async () => {
    running = await startTestServer({
      trustProxy: { kind: "hops", hops: 1 },
      limits: { generateLimit: { perClientIp: 5, windowSeconds: 60 } },
    });
  });

  afterAll(() => running.close());

  it("takes the address the proxy added, so a client-written X-Forwarded-For changes nothing", async () => {
    const answers = [];
    for (let index = 0; index < 6; index += 1) {
      answers.push(await generate(running, { "x-forwarded-for": `10.9.8.${index}, 203.0.113.7` }));
    }
    expect(onlyError(answers[5]?.errors).extensions).toMatchObject({ apiCode: 3021 });

    const code = await issueCode(running, undefined, {
      "x-forwarded-for": "6.6.6.6, 198.51.100.20",
    });
    const scanned = await running.graphql(
      ScanQrCodeDocument,
      { input: { scanToken: code.scanToken } },
      bearer(await demoUserToken("alice", "Alice")),
    );
    expect(scanned.data?.scanQRCode.requestIp).toBe("198.51.100.20");
  });
});
