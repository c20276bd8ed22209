import Fastify, { type FastifyInstance, LogController } from "fastify";

import { AppError } from "../errors/app-error";
import { installContinueCheck, MAX_BODY_BYTES, refusedForSize } from "./body-size-guard";
import { type TrustFunction } from "./client-address";
import { clientErrorHandler, frameworkErrorHandler, installErrorHandlers } from "./error-handler";
import { sendAppError } from "./error-reply";
import { requestIdFrom } from "./request-id";

export interface HttpOptions {
  readonly logLevel: string;
  /** Who may set the client address through `X-Forwarded-For` (client-address.ts). */
  readonly trustProxy: TrustFunction | false;
}

/** Fastify with our request ids, one structured log line a request, and our error shape. */
export function createFastify(options: HttpOptions): FastifyInstance {
  const http = Fastify({
    logger: {
      level: options.logLevel,
      redact: ["req.headers.authorization", "req.headers.cookie"],
    },
    // One line per request, written by the onResponse hook below instead of Fastify's two.
    logController: new LogController({
      disableRequestLogging: true,
      requestIdLogLabel: "requestId",
    }),
    genReqId: (request) => requestIdFrom(request.headers["x-request-id"]),
    requestIdHeader: false,
    trustProxy: options.trustProxy,
    bodyLimit: MAX_BODY_BYTES,
    // Fastify's own answers, in our error shape with a request id:
    clientErrorHandler,
    frameworkErrors: frameworkErrorHandler,
    return503OnClosing: false,
  });
  // A callback hook, not an async one: it runs on every request, and a promise each is measurable.
  http.addHook("onRequest", (request, reply, done) => {
    void reply.header("x-request-id", request.id).header("x-content-type-options", "nosniff");
    // A request that arrives on a kept-alive connection after closing began: tell the client
    // (and its load balancer) to go elsewhere.
    if (!http.server.listening) {
      void reply.header("connection", "close");
      void sendAppError(
        reply,
        new AppError("SHUTTING_DOWN", "this replica is shutting down; retry"),
      );
      return;
    }
    if (refusedForSize(request, reply)) {
      return;
    }
    done();
  });
  installContinueCheck(http.server);
  if (["info", "debug", "trace"].includes(options.logLevel)) {
    http.addHook("onResponse", (request, reply, done) => {
      // The route pattern, not the URL: image URLs carry scan tokens, which stay out of logs.
      request.log.info(
        {
          method: request.method,
          route: request.routeOptions.url,
          statusCode: reply.statusCode,
          ms: reply.elapsedTime,
        },
        "request completed",
      );
      done();
    });
  }
  installErrorHandlers(http);
  return http;
}
