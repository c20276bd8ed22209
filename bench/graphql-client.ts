import { connect, type Socket } from "node:net";

interface Pending {
  readonly request: Buffer;
  readonly resolve: (body: string) => void;
  readonly reject: (error: Error) => void;
}

/** One keep-alive HTTP/1.1 connection that answers one request at a time. */
class Connection {
  private buffered: Buffer = Buffer.alloc(0);
  private current: Pending | undefined;

  constructor(
    private readonly socket: Socket,
    private readonly release: (connection: Connection) => void,
  ) {
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("error", (error) => this.current?.reject(error));
  }

  send(pending: Pending): void {
    this.current = pending;
    this.socket.write(pending.request);
  }

  close(): void {
    this.socket.destroy();
  }

  /** Fastify answers with Content-Length, so a response ends where its length says. */
  private onData(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const headerEnd = this.buffered.indexOf("\r\n\r\n");
    if (headerEnd === -1) {
      return;
    }
    const head = this.buffered.toString("latin1", 0, headerEnd);
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    const end = headerEnd + 4 + length;
    if (this.buffered.length < end) {
      return;
    }
    const body = this.buffered.toString("utf8", headerEnd + 4, end);
    this.buffered = this.buffered.subarray(end);
    const done = this.current;
    this.current = undefined;
    this.release(this);
    done?.resolve(body);
  }
}

/**
 * A lean keep-alive GraphQL client for load: raw HTTP/1.1 over a pool of sockets, so the load
 * generator's CPU (which shares this machine's two cores) goes to sending, not to http.request.
 */
export class BenchGraphQLClient {
  private readonly idle: Connection[] = [];
  private readonly queue: Pending[] = [];
  private readonly all: Connection[] = [];
  private readonly url: URL;

  constructor(
    endpoint: string,
    private readonly maxSockets: number,
  ) {
    this.url = new URL(endpoint);
  }

  async post<T>(
    query: string,
    variables: Record<string, unknown>,
    headers: Record<string, string>,
  ): Promise<{ data?: T; errors?: unknown[] }> {
    const body = Buffer.from(JSON.stringify({ query, variables }));
    const head =
      `POST ${this.url.pathname} HTTP/1.1\r\nhost: ${this.url.host}\r\n` +
      `content-type: application/json\r\ncontent-length: ${body.length}\r\n` +
      Object.entries(headers)
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join("") +
      "\r\n";
    const text = await new Promise<string>((resolve, reject) => {
      this.dispatch({
        request: Buffer.concat([Buffer.from(head, "latin1"), body]),
        resolve,
        reject,
      });
    });
    return JSON.parse(text) as { data?: T; errors?: unknown[] };
  }

  close(): void {
    for (const connection of this.all) {
      connection.close();
    }
  }

  private dispatch(pending: Pending): void {
    const connection = this.idle.pop() ?? this.open();
    if (connection) {
      connection.send(pending);
    } else {
      this.queue.push(pending);
    }
  }

  private open(): Connection | undefined {
    if (this.all.length >= this.maxSockets) {
      return undefined;
    }
    const connection = new Connection(
      connect(Number(this.url.port), this.url.hostname),
      (released) => {
        const next = this.queue.shift();
        if (next) {
          released.send(next);
        } else {
          this.idle.push(released);
        }
      },
    );
    this.all.push(connection);
    return connection;
  }
}
