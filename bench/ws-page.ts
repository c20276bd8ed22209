import WebSocket from "ws";

const SUBSCRIBE = `subscription ($id: String!) { qrCodeStatusChanged(qrcodeId: $id) { status briefUserInfo { displayName } ticket } }`;

/**
 * A login page following its code over a raw graphql-ws (graphql-transport-ws) socket, as the
 * bench's clients do: cheaper than a client library when thousands are held by one process.
 * `onStatus` hears every status; the promise resolves once the first (the current one) came.
 */
export function openPage(
  baseUrl: string,
  qrcodeId: string,
  onStatus: (status: string) => void,
): { socket: WebSocket; subscribed: Promise<void> } {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, "ws")}/graphql`, "graphql-transport-ws");
  const subscribed = new Promise<void>((resolve, reject) => {
    socket.on("open", () =>
      socket.send(JSON.stringify({ type: "connection_init", payload: { "x-app-id": "demo" } })),
    );
    socket.on("message", (raw: Buffer) => {
      const message = JSON.parse(raw.toString("utf8")) as {
        type: string;
        payload?: { data?: { qrCodeStatusChanged?: { status: string } } };
      };
      if (message.type === "connection_ack") {
        socket.send(
          JSON.stringify({
            id: "1",
            type: "subscribe",
            payload: { query: SUBSCRIBE, variables: { id: qrcodeId } },
          }),
        );
      } else if (message.type === "next") {
        const status = message.payload?.data?.qrCodeStatusChanged?.status;
        if (status) {
          onStatus(status);
          resolve();
        }
      } else if (message.type === "error") {
        reject(new Error(JSON.stringify(message.payload)));
      }
    });
    socket.on("error", reject);
  });
  return { socket, subscribed };
}
