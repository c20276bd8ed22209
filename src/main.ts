import "reflect-metadata";

import { announceReady } from "./announce-ready";
import { ConfigError, loadConfig } from "./config/load-config";
import { createServer } from "./server";

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const server = await createServer({ config });
  const log = server.http.log;
  if (config.source === "demo") {
    log.warn("no QR_CONFIG: serving the demo application (x-app-id: demo) on the in-memory store");
  }
  try {
    await server.listen();
  } catch (error) {
    // Node names the address that failed: the public port's, or the metrics port's.
    const {
      code,
      address = config.host,
      port = config.port,
    } = error as NodeJS.ErrnoException & {
      address?: string;
      port?: number;
    };
    if (code === "EADDRINUSE" || code === "EACCES" || code === "EADDRNOTAVAIL") {
      log.fatal({ code, host: address, port }, `cannot listen on ${address}:${port} (${code})`);
      await server.close().catch(() => undefined);
      process.exit(1);
    }
    throw error;
  }
  void announceReady(server, log, {
    graphql: `${config.publicUrl}/graphql`,
    applications: config.applications.length,
  });

  let stopping = false;
  const stop = async (signal: string, drainMs: number) => {
    if (stopping) {
      return;
    }
    stopping = true;
    log.info({ signal, drainMs }, "shutting down");
    const timer = setTimeout(() => process.exit(1), drainMs + 10_000);
    timer.unref();
    // Not ready at once, still serving: the load balancer sees /readyz fail and sends new
    // traffic elsewhere before the sockets close (with 1012, which clients retry elsewhere).
    server.drain();
    await new Promise((resolve) => setTimeout(resolve, drainMs));
    await server.close();
    process.exit(0);
  };
  // SIGTERM is an orchestrator's restart; SIGINT a person at a terminal, who need not wait.
  process.on("SIGTERM", () => void stop("SIGTERM", config.shutdownDrainMs ?? 0));
  process.on("SIGINT", () => void stop("SIGINT", 0));
}

void main();
