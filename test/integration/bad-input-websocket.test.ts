import WebSocket from "ws";

import { issueCode } from "../support/login-flow";
import { type RunningServer, startTestServer } from "../support/test-server";

/** What a socket got back for what it sent: coded errors, or how the server closed it. */
interface Outcome {
  readonly errors: { extensions?: Record<string, unknown> }[];
  readonly closeCode?: number;
}

const SUBSCRIBE = "subscription ($id: String!) { qrCodeStatusChanged(qrcodeId: $id) { status } }";

describe("the bad-input corpus over WebSocket: coded errors or protocol closes, never 1011", () => {
  let running: RunningServer;
  let qrcodeId: string;

  beforeAll(async () => {
    running = await startTestServer();
    qrcodeId = (await issueCode(running)).qrcodeId;
  });

  afterAll(() => running.close());

  /** Opens a socket, sends each frame in turn, and reports the first answer that settles it. */
  function exchange(
    frames: (WebSocket.Data | object)[],
    init = true,
    initPayload: object = { "x-app-id": "demo" },
  ): Promise<Outcome> {
    return new Promise((resolve) => {
      const socket = new WebSocket(
        `${running.baseUrl.replace("http", "ws")}/graphql`,
        "graphql-transport-ws",
      );
      const errors: Outcome["errors"] = [];
      const send = (frame: WebSocket.Data | object) =>
        socket.send(
          typeof frame === "string" || Buffer.isBuffer(frame) ? frame : JSON.stringify(frame),
        );
      socket.on("open", () => {
        if (init) {
          send({ type: "connection_init", payload: initPayload });
        } else {
          frames.forEach(send);
        }
      });
      socket.on("message", (data: Buffer) => {
        const message = JSON.parse(data.toString("utf8")) as {
          type: string;
          payload?: unknown;
        };
        if (message.type === "connection_ack") {
          frames.forEach(send);
        } else if (message.type === "error") {
          errors.push(...(message.payload as Outcome["errors"]));
          socket.close();
        } else if (message.type === "next") {
          const payload = message.payload as { errors?: Outcome["errors"] };
          errors.push(...(payload.errors ?? []));
          socket.close();
        }
      });
      socket.on("close", (closeCode) => resolve({ errors, closeCode }));
      socket.on("error", () => undefined);
    });
  }

  const subscribe = (variables: unknown, query = SUBSCRIBE) => ({
    id: "1",
    type: "subscribe",
    payload: { query, variables },
  });

  const cases: [string, () => Promise<Outcome>][] = [
    ["a frame that is not JSON", () => exchange(["{nope"])],
    ["a message of an unknown type", () => exchange([{ type: "launch" }])],
    ["subscribe before connection_init", () => exchange([subscribe({ id: qrcodeId })], false)],
    ["a binary frame", () => exchange([Buffer.from([0, 1, 2, 3])])],
    ["a frame over 64 KiB", () => exchange(["x".repeat(70_000)])],
    ["subscribe with an empty qrcodeId", () => exchange([subscribe({ id: "" })])],
    ["subscribe to an unknown code", () => exchange([subscribe({ id: "A".repeat(32) })])],
    ["subscribe with a syntax error", () => exchange([subscribe({}, "subscription {")])],
    ["subscribe with a missing variable", () => exchange([subscribe({})])],
    ["subscribe with a variable of the wrong type", () => exchange([subscribe({ id: 5 })])],
    ["subscribe to an unknown field", () => exchange([subscribe({}, "subscription { nope }")])],
    [
      "subscribe without an id",
      () => exchange([{ type: "subscribe", payload: { query: SUBSCRIBE } }]),
    ],
    ["subscribe with no application", () => exchange([subscribe({ id: qrcodeId })], true, {})],
    [
      "subscribe for another application",
      () => exchange([subscribe({ id: qrcodeId })], true, { "x-app-id": "nobody" }),
    ],
  ];

  it.each(cases)("%s", async (_name, send) => {
    const outcome = await send();

    expect(outcome.closeCode).not.toBe(1011);
    if (outcome.errors.length > 0) {
      expect(outcome.errors[0]?.extensions).toMatchObject({
        code: expect.any(String),
        apiCode: expect.any(Number),
        requestId: expect.any(String),
      });
      expect(outcome.errors[0]?.extensions?.apiCode).not.toBe(1000);
    } else {
      expect([1002, 1003, 1007, 1009, 4400, 4401, 4403, 4409]).toContain(outcome.closeCode);
    }
  });

  it("is still alive and serving", async () => {
    expect((await fetch(`${running.baseUrl}/healthz`)).status).toBe(200);
  });
});
