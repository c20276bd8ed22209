import { spawn } from "node:child_process";
import { once } from "node:events";
import { connect } from "node:net";
import { join } from "node:path";

import { ExchangeQrCodeTicketDocument, QrCodeStatusDocument } from "../../src/__generated__/client";
import { type ChildServer, startChildServer } from "../support/child-server";
import { demoUserToken, expectNoErrors, issueCode, scanAndConfirm } from "../support/login-flow";
import { type RunningServer, startTestServer } from "../support/test-server";
import { until } from "../support/until";

/** Sends raw bytes and resolves with the raw answer, for requests fetch refuses to make. */
async function rawHttp(baseUrl: string, bytes: string): Promise<string> {
  const socket = connect(Number(new URL(baseUrl).port), "127.0.0.1");
  await once(socket, "connect");
  let answer = "";
  socket.on("data", (chunk: Buffer) => (answer += chunk.toString("latin1")));
  socket.on("error", () => undefined);
  socket.write(bytes);
  await once(socket, "close");
  return answer;
}

function expectOurErrorShape(answer: string, status: number, apiCode: number): void {
  const [head = "", body = ""] = answer.split("\r\n\r\n");
  expect(head).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
  expect(head.toLowerCase()).toMatch(/\r\nx-request-id: [0-9a-f-]{36}/);
  expect(JSON.parse(body)).toMatchObject({
    errors: [{ extensions: { statusCode: status, apiCode, requestId: expect.any(String) } }],
  });
}

describe("the HTTP edges of the service", () => {
  let running: RunningServer;

  beforeAll(async () => {
    running = await startTestServer();
  });

  afterAll(() => running.close());

  it("marks every GraphQL answer (tickets, tokens) Cache-Control: no-store", async () => {
    const code = await issueCode(running);
    expectNoErrors((await scanAndConfirm(running, code, await demoUserToken("alice"))).errors);
    const status = await running.graphql(QrCodeStatusDocument, { qrcodeId: code.qrcodeId });
    const ticket = status.data?.qrCodeStatus.ticket ?? "";
    const exchanged = await running.graphql(ExchangeQrCodeTicketDocument, { ticket });

    expect(status.headers.get("cache-control")).toBe("no-store");
    expect(exchanged.headers.get("cache-control")).toBe("no-store");
  });

  it("serves the scan page unframeable and unsniffable", async () => {
    const code = await issueCode(running);

    const page = await fetch(`${running.baseUrl}/scan/${code.scanToken}`);

    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("answers headers over 16 KiB with 431 in the service's error shape", async () => {
    const answer = await rawHttp(
      running.baseUrl,
      `GET /healthz HTTP/1.1\r\nHost: x\r\nx-big: ${"a".repeat(20_000)}\r\n\r\n`,
    );

    expectOurErrorShape(answer, 431, 1010);
  });

  it("answers an over-long path segment with 414 in the service's error shape", async () => {
    const answer = await rawHttp(
      running.baseUrl,
      `GET /qrcode/${"a".repeat(300)}.png HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    );

    expectOurErrorShape(answer, 414, 1009);
  });

  it("answers a body of another media type 415 with statusCode 415 in the body", async () => {
    const response = await fetch(`${running.baseUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/xml", "x-app-id": "demo" },
      body: "<query/>",
    });

    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({
      errors: [{ extensions: { statusCode: 415, apiCode: 1008 } }],
    });
  });
});

describe("the process's own reports", () => {
  let server: ChildServer;

  beforeAll(async () => {
    server = await startChildServer({ LOG_LEVEL: "warn" });
  });

  afterAll(() => server.process.kill("SIGKILL"));

  it("logs a malformed WebSocket frame as one structured warning, not a stack trace", async () => {
    const port = Number(new URL(server.baseUrl).port);
    const socket = connect(port, "127.0.0.1");
    await once(socket, "connect");
    socket.write(
      "GET /graphql HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" +
        "Sec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n",
    );
    await once(socket, "data");
    // A masked text frame with RSV1 set, which no negotiated extension allows.
    socket.write(Buffer.from([0xc1, 0x81, 1, 2, 3, 4, 0x41]));
    await once(socket, "close");
    await until(async () => server.output().includes("protocol error"));

    const lines = server.output().trim().split("\n");
    const warning = lines.find((line) => line.includes("protocol error"));
    expect(warning && JSON.parse(warning)).toMatchObject({ level: 40 });
    expect(server.output()).not.toMatch(/\n\s+at /);
  });

  it("says in one line that the port is taken, and exits 1", async () => {
    const main = join(__dirname, "..", "..", "dist", "src", "main.js");
    const { port } = new URL(server.baseUrl);
    const second = spawn(process.execPath, [main], {
      env: {
        ...process.env,
        NODE_ENV: "",
        PORT: port,
        HOST: "127.0.0.1",
        LOG_LEVEL: "warn",
        METRICS_PORT: "0",
      },
    });
    let output = "";
    second.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    second.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    const [exitCode] = (await once(second, "exit")) as [number];

    expect(exitCode).toBe(1);
    expect(output).toContain(`cannot listen on 127.0.0.1:${port} (EADDRINUSE)`);
    expect(output).not.toMatch(/\n\s+at /);
  });
});
