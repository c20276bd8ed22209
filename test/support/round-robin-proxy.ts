import { once } from "node:events";
import { connect, createServer, type Server, type Socket } from "node:net";

/**
 * A loopback load balancer for tests: each TCP connection goes to the next backend port in
 * turn, skipping one that refuses (a replica that has stopped), as a Service or an L4 balancer
 * does once its health check fails.
 */
export class RoundRobinProxy {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private next = 0;
  /** The backend port of every connection, in order. */
  readonly routed: number[] = [];
  port = 0;

  constructor(private readonly backends: readonly number[]) {
    this.server = createServer((client) => this.route(client, 0));
  }

  async start(): Promise<void> {
    this.server.listen(0, "127.0.0.1");
    await once(this.server, "listening");
    const address = this.server.address();
    this.port = typeof address === "object" && address ? address.port : 0;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) {
      socket.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private route(client: Socket, tried: number): void {
    if (tried >= this.backends.length) {
      client.destroy();
      return;
    }
    const port = this.backends[this.next++ % this.backends.length] ?? 0;
    client.pause();
    const upstream = connect(port, "127.0.0.1");
    upstream.once("error", () => this.route(client, tried + 1));
    upstream.once("connect", () => {
      this.routed.push(port);
      upstream.removeAllListeners("error");
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on("close", () => this.sockets.delete(socket));
        socket.on("error", () => socket.destroy());
      }
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
  }
}
