import { type IncomingMessage } from "node:http";

import { type FastifyBaseLogger } from "fastify";
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from "graphql-ws";
import { type WebSocket, type WebSocketServer } from "ws";

/** What each graphql-ws context carries besides its params: the socket and its upgrade. */
export interface SocketExtra {
  readonly socket: WebSocket;
  readonly request: IncomingMessage;
}

/** A ping this often; a client that does not answer within the same time is dropped. */
const KEEP_ALIVE_MS = 12_000;

/**
 * graphql-ws's protocol (`makeServer`) on ws sockets, as graphql-ws's own `useServer` wires
 * it, except that faults go to our structured log: `useServer` writes a stack trace to the
 * console for every malformed frame a client sends, which anyone can make us print.
 */
export function serveGraphQLWs(
  options: ServerOptions<Record<string, unknown> | undefined, SocketExtra>,
  sockets: WebSocketServer,
  log: FastifyBaseLogger,
): { dispose(): Promise<void> } {
  const server = makeServer(options);
  sockets.options.handleProtocols = handleProtocols;
  sockets.on("connection", (socket, request) => {
    // ws has already failed the connection (1002/1009) when it reports a frame it cannot read.
    socket.once("error", (error: Error & { code?: string }) =>
      log.warn({ code: error.code, reason: error.message }, "WebSocket closed on a protocol error"),
    );
    let pongWait: NodeJS.Timeout | undefined;
    const pinger = setInterval(() => {
      if (socket.readyState === socket.OPEN) {
        pongWait = setTimeout(() => socket.terminate(), KEEP_ALIVE_MS).unref();
        socket.once("pong", () => clearTimeout(pongWait));
        socket.ping();
      }
    }, KEEP_ALIVE_MS).unref();
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve, reject) => {
            if (socket.readyState !== socket.OPEN) {
              resolve();
              return;
            }
            socket.send(data, (error) => (error ? reject(error) : resolve()));
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on("message", (data: Buffer) => {
            handle(String(data)).catch((error: unknown) => {
              log.error({ err: error }, "unexpected error handling a WebSocket message");
              socket.close(CloseCode.InternalServerError, "Internal server error");
            });
          }),
      },
      { socket, request },
    );
    socket.once("close", (code, reason) => {
      clearTimeout(pongWait);
      clearInterval(pinger);
      void closed(code, String(reason));
    });
  });
  return {
    async dispose() {
      for (const client of sockets.clients) {
        client.close(1001, "Going away");
      }
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
    },
  };
}
