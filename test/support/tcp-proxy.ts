import { once } from "node:events";
import { connect, createServer, type Server, type Socket } from "node:net";

/** Decides, from a chunk a client sent, whether the faults armed for it start now. */
export type ChunkMatcher = (chunk: string) => boolean;

/**
 * A loopback TCP proxy the test can cut, stall and make deaf, to take a dependency away in the
 * ways a network does: a dead host (cut), a pause longer than a timeout (stall), a request that
 * ran but whose reply never came back (drop replies, then cut, as TCP ends such a connection).
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private droppingReplies = false;
  private dropTrigger: ChunkMatcher | undefined;
  private stallTrigger: { matches: ChunkMatcher; ms: number } | undefined;
  private stalledUntil = 0;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((client) => this.bridge(client));
    this.server.listen(this.port, "127.0.0.1");
    await once(this.server, "listening");
    const address = this.server.address();
    this.port = typeof address === "object" && address ? address.port : this.port;
  }

  /** Drops every connection and refuses new ones, as a dead Redis host does. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) {
      socket.destroy();
    }
    this.droppingReplies = false;
    this.dropTrigger = undefined;
    this.stallTrigger = undefined;
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  /** Listens again on the same port. */
  restore(): Promise<void> {
    return this.start();
  }

  /** From the first client chunk that `matches` on (that chunk still goes through), every reply
   * is swallowed: the command runs upstream, and its caller never hears. */
  dropRepliesFrom(matches: ChunkMatcher): void {
    this.dropTrigger = matches;
  }

  /** Holds every byte, both ways, for `ms`; then delivers it all in order. */
  stall(ms: number): void {
    this.stalledUntil = Date.now() + ms;
  }

  /** From the first client chunk that `matches` (held with the rest), stalls for `ms`. */
  stallFrom(matches: ChunkMatcher, ms: number): void {
    this.stallTrigger = { matches, ms };
  }

  private bridge(client: Socket): void {
    const upstream = connect(this.targetPort, this.targetHost);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
      socket.on("error", () => socket.destroy());
    }
    this.pipe(client, upstream, (chunk) => {
      const text = chunk.toString("latin1");
      if (this.dropTrigger?.(text)) {
        this.dropTrigger = undefined;
        this.droppingReplies = true;
      }
      if (this.stallTrigger?.matches(text)) {
        this.stall(this.stallTrigger.ms);
        this.stallTrigger = undefined;
      }
      return true;
    });
    this.pipe(upstream, client, () => !this.droppingReplies);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  }

  /** One direction, in order: chunks wait out a stall in a queue, then go together. */
  private pipe(from: Socket, to: Socket, admit: (chunk: Buffer) => boolean): void {
    const queue: Buffer[] = [];
    let waiting: NodeJS.Timeout | undefined;
    const flush = () => {
      const wait = this.stalledUntil - Date.now();
      if (wait > 0) {
        waiting = setTimeout(flush, wait);
        return;
      }
      waiting = undefined;
      for (const chunk of queue.splice(0)) {
        to.write(chunk);
      }
    };
    from.on("data", (chunk: Buffer) => {
      if (admit(chunk)) {
        queue.push(chunk);
        if (!waiting) {
          flush();
        }
      }
    });
    from.on("close", () => clearTimeout(waiting));
  }
}
