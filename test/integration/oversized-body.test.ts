import { once } from "node:events";
import { connect, type Socket } from "node:net";

import { type RunningServer, startTestServer } from "../support/test-server";
import { until } from "../support/until";

/** A raw connection, so the test sees exactly what goes over the wire, 100 Continue included. */
async function openSocket(baseUrl: string): Promise<{ socket: Socket; received: () => string }> {
  const { hostname, port } = new URL(baseUrl);
  const socket = connect(Number(port), hostname);
  await once(socket, "connect");
  let received = "";
  socket.on("data", (chunk: Buffer) => (received += chunk.toString("latin1")));
  socket.on("error", () => undefined);
  return { socket, received: () => received };
}

const TEN_MB = 10 * 1024 * 1024;

describe("a body larger than the service takes", () => {
  let running: RunningServer;

  beforeAll(async () => {
    running = await startTestServer();
  });

  afterAll(async () => {
    await running.close();
  });

  it("gets its 413 before any byte is sent when it asks with Expect: 100-continue, never 100 Continue", async () => {
    const { socket, received } = await openSocket(running.baseUrl);
    socket.write(
      "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
        `Content-Length: ${TEN_MB}\r\nExpect: 100-continue\r\n\r\n`,
    );
    await until(async () => received().includes("\r\n\r\n{"));
    socket.destroy();

    expect(received()).toMatch(/^HTTP\/1\.1 413 /);
    expect(received()).not.toContain("100 Continue");
    expect(received()).toMatch(/\r\nconnection: close\r\n/i);
    expect(received()).toContain('"apiCode":1006');
  });

  it("still gets a 100 Continue for a body within the limit", async () => {
    const { socket, received } = await openSocket(running.baseUrl);
    socket.write(
      "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nx-app-id: demo\r\n" +
        "Content-Length: 27\r\nExpect: 100-continue\r\n\r\n",
    );
    await until(async () => received().includes("100 Continue"));
    socket.write('{"query":"{ __typename }"}\n');
    await until(async () => received().includes('"__typename"'));
    socket.destroy();

    expect(received()).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 /);
  });

  it("answers a client that sends 10 MB anyway with the 413 it can read, not a broken pipe", async () => {
    const response = await fetch(`${running.baseUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "x".repeat(TEN_MB),
    });

    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { apiCode: 1006 } }] });
  });

  it("discards the refused body and serves the next request on the same connection", async () => {
    const { socket, received } = await openSocket(running.baseUrl);
    const body = "x".repeat(200_000);
    socket.write(
      "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
        `Content-Length: ${body.length}\r\n\r\n${body}` +
        "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n",
    );
    await until(async () => received().includes('{"status":"ok"}'));
    socket.destroy();

    expect(received()).toMatch(/^HTTP\/1\.1 413 /);
    expect(received()).toMatch(/HTTP\/1\.1 200 OK[\s\S]*\{"status":"ok"\}$/);
  });
});
