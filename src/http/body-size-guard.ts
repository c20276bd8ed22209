import { type IncomingMessage, type Server, type ServerResponse } from "node:http";

import { type FastifyReply, type FastifyRequest } from "fastify";

import { AppError } from "../errors/app-error";
import { sendAppError } from "./error-reply";

/** The largest body any route takes (the WeChat push's 64 KiB included). */
export const MAX_BODY_BYTES = 64 * 1024;

/** A body declared up to this size is read and thrown away after the 413, so a client still
 * sending it reads the answer instead of a broken pipe; a larger one costs the connection. */
const DISCARD_BOUND_BYTES = 16 * 1024 * 1024;

/**
 * Answers `Expect: 100-continue` itself: a body declared too large gets its 413 before any
 * byte of it is sent (Node's default would say 100 Continue, then Fastify would close the
 * connection under a client that had started sending).
 */
export function installContinueCheck(server: Server): void {
  server.on("checkContinue", (request: IncomingMessage, response: ServerResponse) => {
    if (!declaresTooLarge(request.headers["content-length"])) {
      response.writeContinue();
    }
    server.emit("request", request, response);
  });
}

/** For the onRequest hook: true when the request was answered with 413. */
export function refusedForSize(request: FastifyRequest, reply: FastifyReply): boolean {
  const declared = request.headers["content-length"];
  if (!declaresTooLarge(declared)) {
    return false;
  }
  // No 100 Continue was sent, so no body follows: keeping the connection would read the next
  // request as this one's body. A body past the bound is not worth reading.
  if (request.headers.expect !== undefined || Number(declared) > DISCARD_BOUND_BYTES) {
    void reply.header("connection", "close");
  }
  // Otherwise the connection stays: Node's parser reads the declared body and discards it once
  // this answer is written, and the next request on the connection parses cleanly.
  void sendAppError(
    reply,
    new AppError("REQUEST_TOO_LARGE", `The request body is larger than ${MAX_BODY_BYTES} bytes`),
  );
  return true;
}

function declaresTooLarge(declared: string | undefined): boolean {
  return declared !== undefined && Number(declared) > MAX_BODY_BYTES;
}
