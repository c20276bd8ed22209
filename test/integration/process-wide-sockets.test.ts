import WebSocket from "ws";

import { QrCodeStatusChangedDocument } from "../../src/__generated__/client";
import { issueCode } from "../support/login-flow";
import { subscribe, wsClient } from "../support/status-feed";
import { type RunningServer, startTestServer } from "../support/test-server";

/** Opens a graphql-ws socket, or answers the HTTP refusal of its upgrade. */
function upgrade(running: RunningServer, address: string) {
  return new Promise<{ socket?: WebSocket; status?: number; body?: string }>((resolve, reject) => {
    const socket = new WebSocket(
      `${running.baseUrl.replace("http", "ws")}/graphql`,
      "graphql-transport-ws",
      { headers: { "x-forwarded-for": address } },
    );
    socket.once("open", () => resolve({ socket }));
    socket.once("unexpected-response", (_request, response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      response.on("end", () => resolve({ status: response.statusCode, body }));
    });
    socket.once("error", reject);
  });
}

describe("the process holds a bounded number of WebSockets and subscriptions, whoever opens them", () => {
  let running: RunningServer;

  beforeAll(async () => {
    running = await startTestServer({
      trustProxy: { kind: "hops", hops: 1 },
      limits: { wsMaxConnections: 4, wsMaxSubscriptions: 2 },
    });
  });

  afterAll(() => running.close());

  it("refuses the fifth WebSocket from a fifth address with 503 WEBSOCKETS_EXHAUSTED, and takes one again once a socket closes", async () => {
    const held = await Promise.all(
      ["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4"].map((address) =>
        upgrade(running, address),
      ),
    );

    const refused = await upgrade(running, "192.0.2.5");

    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body ?? "{}")).toMatchObject({
      errors: [{ extensions: { code: "SERVICE_UNAVAILABLE", statusCode: 503, apiCode: 5004 } }],
    });
    const closing = held[0]?.socket;
    await new Promise((resolve) => {
      closing?.once("close", resolve);
      closing?.close();
    });
    const again = await upgrade(running, "192.0.2.5");
    expect(again.socket).toBeDefined();
    [...held.slice(1), again].forEach((opened) => opened.socket?.close());
  });

  it("refuses a third subscription in all with SUBSCRIPTIONS_EXHAUSTED, each on its own code and socket", async () => {
    const codes = [await issueCode(running), await issueCode(running), await issueCode(running)];
    const opened = codes.map((code) => ({
      code,
      client: wsClient(running.baseUrl, { "x-app-id": "demo" }),
    }));
    const feeds = [];
    for (const { code, client } of opened) {
      const feed = subscribe(client, QrCodeStatusChangedDocument, { qrcodeId: code.qrcodeId });
      await Promise.race([feed.next(1), feed.ended]);
      feeds.push(feed);
    }

    expect(feeds.map((feed) => feed.errors.length)).toEqual([0, 0, 1]);
    expect(feeds[2]?.errors[0]?.extensions).toMatchObject({
      code: "SERVICE_UNAVAILABLE",
      apiCode: 5003,
    });
    await Promise.all(opened.map(({ client }) => client.dispose()));
  });
});
