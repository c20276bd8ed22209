import { type FastifyReply } from "fastify";

import { type AppError } from "../errors/app-error";
import { extensionsOf } from "../graphql/format-error";
import { type ServiceMetrics } from "../metrics/service-metrics";

declare module "fastify" {
  interface FastifyInstance {
    /** Set by the composition root; counts the refusals every route answers. */
    metrics?: ServiceMetrics;
  }
}

/** Routes outside GraphQL answer errors in the same `{ errors: [...] }` shape GraphQL uses,
 * with the row's HTTP status and the request id (also for answers made before any hook ran). */
export function sendAppError(reply: FastifyReply, error: AppError): FastifyReply {
  reply.server.metrics?.refused(error.errorName);
  return reply
    .code(error.spec.statusCode)
    .header("x-request-id", reply.request.id)
    .type("application/json; charset=utf-8")
    .send(errorBody(error, reply.request.id));
}

export function errorBody(error: AppError, requestId: string): string {
  return JSON.stringify({
    errors: [
      {
        message: error.message,
        extensions: extensionsOf(error.errorName, error.details, requestId),
      },
    ],
  });
}
