import { type FastifyReply } from "fastify";

import { type AppError } from "../errors/app-error";
import { extensionsOf } from "../graphql/format-error";

/** Routes outside GraphQL answer errors in the same `{ errors: [...] }` shape GraphQL uses. */
export function sendAppError(
  reply: FastifyReply,
  error: AppError,
  statusCode = error.spec.statusCode,
): FastifyReply {
  return reply
    .code(statusCode)
    .type("application/json; charset=utf-8")
    .send({
      errors: [
        {
          message: error.message,
          extensions: extensionsOf(error.errorName, error.details, reply.request.id),
        },
      ],
    });
}
