import { once } from "node:events";

import WebSocket from "ws";

import { type RunningServer, startTestServer } from "../support/test-server";

const PING_INTERVAL_MS = 200;

function open(running: RunningServer, autoPong: boolean): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(
      `${running.baseUrl.replace("http", "ws")}/graphql`,
      "graphql-transport-ws",
      { autoPong },
    );
    socket.once("open", () => resolve(socket));
    socket.once("error", reject);
  });
}

describe("the WebSocket keep-alive (one timer pings every socket)", () => {
  let running: RunningServer;

  beforeAll(async () => {
    running = await startTestServer({ limits: { wsPingIntervalMs: PING_INTERVAL_MS } });
  });

  afterAll(() => running.close());

  it("drops a client that stops answering pings, and keeps one that answers", async () => {
    const silent = await open(running, false);
    const answering = await open(running, true);
    let pings = 0;
    answering.on("ping", () => (pings += 1));

    const [code] = (await once(silent, "close")) as [number];

    expect(code).toBe(1006); // terminated: no closing handshake for a client that is gone
    expect(answering.readyState).toBe(WebSocket.OPEN);
    await new Promise((resolve) => setTimeout(resolve, 2 * PING_INTERVAL_MS));
    expect(answering.readyState).toBe(WebSocket.OPEN);
    expect(pings).toBeGreaterThanOrEqual(2);
    answering.close();
  });
});
