import { type IncomingHttpHeaders, type IncomingMessage } from "node:http";

import { type FastifyBaseLogger } from "fastify";
import {
  CloseCode,
  handleProtocols,
  makeServer,
  type ServerOptions,
  type WebSocket as ProtocolSocket,
} from "graphql-ws";
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
 * One socket as graphql-ws's protocol sees it (`send`, `close`, `onMessage`), and what the
 * connection keeps. A class, with its listeners shared by every socket (each finds its
 * connection in `connections`): tens of thousands of idle pages each hold one, and closures
 * per socket are memory they would hold too.
 */
class Connection implements ProtocolSocket {
  readonly protocol: string;
  handle: ((data: string) => Promise<void>) | undefined;
  closed: ((code?: number, reason?: string) => Promise<void>) | undefined;

  constructor(
    private readonly socket: WebSocket,
    readonly upgrade: UpgradeInfo,
  ) {
    this.protocol = socket.protocol;
  }

  send(data: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.socket.readyState !== this.socket.OPEN) {
        resolve();
        return;
      }
      this.socket.send(data, (error) => (error ? reject(error) : resolve()));
    });
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  onMessage(handle: (data: string) => Promise<void>): void {
    this.handle = handle;
  }
}

/** How long a socket may stay open without `connection_init` (graphql-ws's own default). */
const CONNECTION_INIT_WAIT_MS = 3000;
const INIT_SWEEP_MS = 500;

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
  // graphql-ws's own wait for `connection_init` is a timer per socket that stays referenced for
  // the socket's life (about 250 bytes of every idle page); one sweep does the same for all.
  // Sockets still waiting, with when each opened.
  const awaitingInit = new Map<WebSocket, number>();
  const server = makeServer({
    ...options,
    connectionInitWaitTimeout: Infinity,
    onConnect: (ctx) => {
      awaitingInit.delete(ctx.extra.socket);
      return options.onConnect?.(ctx);
    },
  });
  sockets.options.handleProtocols = handleProtocols;
  const connections = new WeakMap<WebSocket, Connection>();
  // One timer pings every socket, and one function marks the pongs.
  const answered = new WeakSet<WebSocket>();
  const pinger = setInterval(() => {
    for (const socket of sockets.clients) {
      if (!answered.delete(socket)) {
        socket.terminate();
      } else if (socket.readyState === socket.OPEN) {
        socket.ping();
      }
    }
  }, pingIntervalMs).unref();
  const initSweep = setInterval(() => {
    const openedBefore = Date.now() - CONNECTION_INIT_WAIT_MS;
    for (const [socket, openedAt] of awaitingInit) {
      if (openedAt > openedBefore) {
        break; // the map is in the order the sockets opened
      }
      awaitingInit.delete(socket);
      socket.close(CloseCode.ConnectionInitialisationTimeout, "Connection initialisation timeout");
    }
  }, INIT_SWEEP_MS).unref();
  sockets.on("close", () => {
    clearInterval(pinger);
    clearInterval(initSweep);
  });

  // The listeners of every socket (`this` is the socket).
  function onPong(this: WebSocket): void {
    answered.add(this);
  }
  // ws has already failed the connection (1002/1009) when it reports a frame it cannot read.
  function onError(error: Error & { code?: string }): void {
    log.warn({ code: error.code, reason: error.message }, "WebSocket closed on a protocol error");
  }
  function onMessage(this: WebSocket, data: Buffer): void {
    receive(this, String(data));
  }
  function receive(socket: WebSocket, data: string): void {
    connections
      .get(socket)
      ?.handle?.(data)
      .catch((error: unknown) => {
        log.error({ err: error }, "unexpected error handling a WebSocket message");
        socket.close(CloseCode.InternalServerError, "Internal server error");
      });
  }
  function onClose(this: WebSocket, code: number, reason: Buffer): void {
    const connection = connections.get(this);
    awaitingInit.delete(this);
    if (connection) {
      hooks.closed(connection.upgrade);
      void connection.closed?.(code, String(reason));
    }
  }

  sockets.on("connection", (socket, request) => {
    const connection = new Connection(socket, hooks.opened(request));
    connections.set(socket, connection);
    answered.add(socket);
    awaitingInit.set(socket, Date.now());
    // `on`, not `once`: each fires once anyway, and `once` costs a wrapper per socket.
    socket.on("error", onError);
    socket.on("pong", onPong);
    socket.on("message", onMessage);
    socket.on("close", onClose);
    connection.closed = server.opened(connection, { socket, upgrade: connection.upgrade });
  });
  return {
    async dispose() {
      for (const client of sockets.clients) {
        // 1012 (service restart): graphql-ws clients retry it, through the load balancer, so
        // to a replica that stays.
        client.close(1012, "Service restart");
      }
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
    },
  };
}
