import { type FastifyError, type FastifyInstance } from "fastify";

import { AppError, isAppError } from "../errors/app-error";
import { sendAppError } from "./error-reply";

/** Fastify's own failures (body parsing, size, media type), mapped to rows of the error table. */
function fromFastifyError(error: FastifyError): AppError | undefined {
  if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    return new AppError("REQUEST_TOO_LARGE", "The request body is too large");
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError("MALFORMED_REQUEST", error.message);
  }
  return undefined;
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isAppError(error)) {
      return sendAppError(reply, error);
    }
    const mapped = fromFastifyError(error);
    if (mapped) {
      return sendAppError(
        reply,
        mapped,
        error.code === "FST_ERR_CTP_BODY_TOO_LARGE" ? 413 : (error.statusCode ?? 400),
      );
    }
    request.log.error({ err: error }, "unexpected error in an HTTP route");
    return sendAppError(reply, new AppError("INTERNAL_ERROR", "Internal server error"));
  });
  app.setNotFoundHandler((request, reply) =>
    sendAppError(
      reply,
      new AppError("ROUTE_NOT_FOUND", `No route ${request.method} ${request.url.split("?")[0]}`),
    ),
  );
}
