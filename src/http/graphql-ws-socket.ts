import { type IncomingHttpHeaders, type IncomingMessage } from "node:http";

import { type FastifyBaseLogger } from "fastify";
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from "graphql-ws";
import { type WebSocket, type WebSocketServer } from "ws";

/**
 * What a connection keeps of its upgrade request: the few values its subscriptions use. The
 * request itself (its headers, raw headers and their strings) would otherwise stay alive as
 * long as the socket, about 1.5 KB of every idle login page.
 */
export interface UpgradeInfo {
  readonly requestId: string;
  readonly headers: Pick<IncomingHttpHeaders, "origin" | "user-agent">;
  readonly clientIp: string | undefined;
}

/** What the server around the protocol does as connections come and go. */
export interface ConnectionHooks {
  /** Reads what the connection keeps of its upgrade (once, when it opens). */
  opened(request: IncomingMessage): UpgradeInfo;
  closed(upgrade: UpgradeInfo): void;
}

/** What each graphql-ws context carries besides its params: the socket and its upgrade. */
export interface SocketExtra {
  readonly socket: WebSocket;
  readonly upgrade: UpgradeInfo;
}

/**
 * graphql-ws's protocol (`makeServer`) on ws sockets, as graphql-ws's own `useServer` wires
 * it, except that faults go to our structured log: `useServer` writes a stack trace to the
 * console for every malformed frame a client sends, which anyone can make us print.
 */
export function serveGraphQLWs(
  options: ServerOptions<Record<string, unknown> | undefined, SocketExtra>,
  sockets: WebSocketServer,
  log: FastifyBaseLogger,
  hooks: ConnectionHooks,
  /** A ping this often; a client that has not answered the last one by the next is dropped. */
  pingIntervalMs: number,
): { dispose(): Promise<void> } {
  const server = makeServer(options);
  sockets.options.handleProtocols = handleProtocols;
  // One timer pings every socket, and one function marks the pongs, rather than a timer and
  // closures per idle page.
  const answered = new WeakSet<WebSocket>();
  const answeredPing = function (this: WebSocket): void {
    answered.add(this);
  };
  const pinger = setInterval(() => {
    for (const socket of sockets.clients) {
      if (!answered.delete(socket)) {
        socket.terminate();
      } else if (socket.readyState === socket.OPEN) {
        socket.ping();
      }
    }
  }, pingIntervalMs).unref();
  sockets.on("close", () => clearInterval(pinger));
  sockets.on("connection", (socket, request) => {
    // ws has already failed the connection (1002/1009) when it reports a frame it cannot read.
    // (`on`, not `once`: ws reports an error once, and `once` costs a wrapper per socket.)
    socket.on("error", (error: Error & { code?: string }) =>
      log.warn({ code: error.code, reason: error.message }, "WebSocket closed on a protocol error"),
    );
    const upgrade = hooks.opened(request);
    answered.add(socket);
    socket.on("pong", answeredPing);
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
      { socket, upgrade },
    );
    socket.on("close", (code, reason) => {
      hooks.closed(upgrade);
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
