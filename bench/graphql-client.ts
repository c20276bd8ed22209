import { Agent, request } from "node:http";

/** A lean keep-alive GraphQL client for load: the bench's own CPU should go to sending. */
export class BenchGraphQLClient {
  private readonly agent: Agent;
  private readonly url: URL;

  constructor(endpoint: string, maxSockets: number) {
    this.url = new URL(endpoint);
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  post<T>(query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
    const body = JSON.stringify({ query, variables });
    return new Promise<{ data?: T; errors?: unknown[] }>((resolve, reject) => {
      const outgoing = request(
        {
          agent: this.agent,
          host: this.url.hostname,
          port: this.url.port,
          path: this.url.pathname,
          method: "POST",
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
            ...headers,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            try {
              resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")) as never);
            } catch (error) {
              reject(error as Error);
            }
          });
        },
      );
      outgoing.on("error", reject);
      outgoing.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
