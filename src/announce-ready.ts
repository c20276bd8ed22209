import { type FastifyBaseLogger } from "fastify";

import { type GatewayServer } from "./server";

const RECHECK_MS = 1000;

/**
 * Logs "ready" only once `/readyz` would answer 200: a replica listening while its store is out
 * of reach says so, and says "ready" when the store answers, so an operator reading the log
 * and a load balancer reading `/readyz` never disagree.
 */
export async function announceReady(
  server: Pick<GatewayServer, "readiness">,
  log: FastifyBaseLogger,
  details: Record<string, unknown>,
): Promise<void> {
  let warned = false;
  for (;;) {
    const status = await server.readiness();
    if (status === "ready") {
      log.info(details, "QR login gateway ready");
      return;
    }
    if (status === "draining") {
      return;
    }
    if (!warned) {
      log.warn({ ...details, status }, "listening, not ready: the store does not answer yet");
      warned = true;
    }
    await new Promise((resolve) => setTimeout(resolve, RECHECK_MS).unref());
  }
}
