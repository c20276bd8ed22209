import { once } from "node:events";

import WebSocket from "ws";

import { type RunningServer, startTestServer } from "../support/test-server";

/** graphql-ws's protocol: a client has 3 s to send `connection_init`. */
const INIT_WAIT_MS = 3000;

function open(running: RunningServer): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(
      `${running.baseUrl.replace("http", "ws")}/graphql`,
      "graphql-transport-ws",
    );
    socket.once("open", () => resolve(socket));
    socket.once("error", reject);
  });
}

describe("the wait for connection_init (one sweep for every socket)", () => {
  let running: RunningServer;

  beforeAll(async () => {
    running = await startTestServer();
  });

  afterAll(() => running.close());

  it("closes a socket that never sends connection_init with 4408, and keeps one that did", async () => {
    const openedAt = Date.now();
    const silent = await open(running);
    const initialised = await open(running);
    initialised.send(JSON.stringify({ type: "connection_init" }));
    const [ack] = (await once(initialised, "message")) as [Buffer];

    const [code, reason] = (await once(silent, "close")) as [number, Buffer];

    expect(JSON.parse(String(ack))).toEqual({ type: "connection_ack" });
    expect(code).toBe(4408);
    expect(String(reason)).toBe("Connection initialisation timeout");
    expect(Date.now() - openedAt).toBeGreaterThanOrEqual(INIT_WAIT_MS);
    expect(Date.now() - openedAt).toBeLessThan(INIT_WAIT_MS + 1500);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(initialised.readyState).toBe(WebSocket.OPEN);
    initialised.close();
  }, 10_000);
});
