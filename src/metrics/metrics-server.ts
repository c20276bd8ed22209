import { createServer, type Server } from "node:http";
import { type AddressInfo } from "node:net";

import { type Registry } from "prom-client";

/**
 * `/metrics` on a port of its own (`METRICS_PORT`), never on the public one: what the
 * operator's Prometheus scrapes is not for the internet (it names applications and rates).
 */
export class MetricsServer {
  private readonly server: Server;

  constructor(private readonly registry: Registry) {
    this.server = createServer((request, response) => {
      if (request.method !== "GET" || request.url?.split("?")[0] !== "/metrics") {
        response.writeHead(404, { "content-type": "text/plain" }).end("not found: GET /metrics\n");
        return;
      }
      this.registry.metrics().then(
        (text) => response.writeHead(200, { "content-type": this.registry.contentType }).end(text),
        () => response.writeHead(500, { "content-type": "text/plain" }).end("metrics failed\n"),
      );
    });
  }

  /** Resolves to the URL of `/metrics` actually bound (port 0 picks a free port). */
  listen(port: number, host: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => {
        const { port: bound } = this.server.address() as AddressInfo;
        const shown = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
        resolve(`http://${shown}:${bound}/metrics`);
      });
    });
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
