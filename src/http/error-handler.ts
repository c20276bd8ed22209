import { STATUS_CODES } from "node:http";
import { type Socket } from "node:net";

import { type FastifyError, type FastifyInstance, type FastifyRequest } from "fastify";

import { AppError, isAppError } from "../errors/app-error";
import { type ErrorName } from "../errors/error-table";
import { errorBody, sendAppError } from "./error-reply";
import { requestIdFrom } from "./request-id";

/** Fastify's own failures (body parsing, size, media type, URL), mapped to rows of the table. */
function fromFastifyError(error: FastifyError): AppError | undefined {
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new AppError("REQUEST_TOO_LARGE", "The request body is too large");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new AppError("UNSUPPORTED_MEDIA_TYPE", error.message);
    case "FST_ERR_MAX_PARAM_LENGTH":
      return new AppError("URL_TOO_LONG", "A path segment of the URL is too long");
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError("MALFORMED_REQUEST", error.message);
  }
  return undefined;
}

/** Any error of a route as a row of the table; an unexpected one is logged, then masked. */
export function tableErrorOf(error: FastifyError, request: FastifyRequest): AppError {
  if (isAppError(error)) {
    return error;
  }
  const mapped = fromFastifyError(error);
  if (mapped) {
    return mapped;
  }
  request.log.error({ err: error }, "unexpected error in an HTTP route");
  return new AppError("INTERNAL_ERROR", "Internal server error");
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) =>
    sendAppError(reply, tableErrorOf(error, request)),
  );
  app.setNotFoundHandler((request, reply) =>
    sendAppError(
      reply,
      new AppError("ROUTE_NOT_FOUND", `No route ${request.method} ${request.url.split("?")[0]}`),
    ),
  );
}

/** Fastify's `frameworkErrors`: a bad URL or an over-long path segment, before any route. */
export function frameworkErrorHandler(
  error: FastifyError,
  _request: unknown,
  reply: Parameters<typeof sendAppError>[0],
): void {
  void sendAppError(
    reply,
    fromFastifyError(error) ?? new AppError("MALFORMED_REQUEST", error.message),
  );
}

/** What Node's parser reports before there is a request (Fastify's `clientErrorHandler`). */
const CLIENT_ERRORS: Partial<Record<string, [ErrorName, string]>> = {
  HPE_HEADER_OVERFLOW: ["HEADERS_TOO_LARGE", "The request headers are too large"],
  ERR_HTTP_REQUEST_TIMEOUT: ["REQUEST_TIMEOUT", "The request did not arrive in time"],
};

export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) {
    return;
  }
  const [name, message] = CLIENT_ERRORS[error.code ?? ""] ?? [
    "MALFORMED_REQUEST",
    "The request is not valid HTTP",
  ];
  const appError = new AppError(name, message);
  const requestId = requestIdFrom(undefined);
  const body = errorBody(appError, requestId);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${appError.spec.statusCode} ${STATUS_CODES[appError.spec.statusCode] ?? ""}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `x-request-id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
