import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export interface LoopbackServer {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

/** A real HTTP server on an ephemeral loopback port, for the services ours calls (hooks, JWKS). */
export async function startLoopbackServer(
  handler: (request: IncomingMessage, body: string, response: ServerResponse) => void,
): Promise<LoopbackServer> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => handler(request, Buffer.concat(chunks).toString("utf8"), response));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}
