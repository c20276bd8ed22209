import { type FastifyError, type FastifyInstance, type FastifyRequest } from "fastify";

import { AppError } from "../../errors/app-error";
import { type ErrorName } from "../../errors/error-table";
import { tableErrorOf } from "../error-handler";

/** Faults of the HTTP request itself keep their HTTP status; every other error is HTTP 200
 * with the error in the envelope, where the SDKs look for it. */
const TRANSPORT_FAULTS: readonly ErrorName[] = [
  "MALFORMED_REQUEST",
  "REQUEST_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "URL_TOO_LONG",
];

export interface FacadeFault {
  readonly error: AppError;
  readonly httpStatus: number;
}

/** Any error of a facade route as one of the table's rows; unexpected ones are logged, masked. */
export function facadeFault(error: unknown, request: FastifyRequest): FacadeFault {
  const appError = toAppError(error as FastifyError, request);
  const transport = TRANSPORT_FAULTS.includes(appError.errorName);
  return { error: appError, httpStatus: transport ? appError.spec.statusCode : 200 };
}

/** Schema validation names the field (the rest of the app has no Fastify schemas to fail). */
function toAppError(error: FastifyError, request: FastifyRequest): AppError {
  return error.validation ? validationError(error) : tableErrorOf(error, request);
}

/** Names the field, as GraphQL's input errors do: `type: must be equal to one of …`. */
function validationError(error: FastifyError): AppError {
  const [first] = error.validation ?? [];
  const missing = first?.params?.missingProperty;
  const path = (first?.instancePath ?? "").replace(/^\//, "").replace(/\//g, ".");
  const field = typeof missing === "string" ? missing : path || error.validationContext || "body";
  const reason = typeof missing === "string" ? "is required" : (first?.message ?? "is not valid");
  return new AppError("INVALID_INPUT", `${field}: ${reason}`, { field });
}

/**
 * A facade family's error and not-found handlers: every error in its envelope (`toBody`), an
 * unknown route as ROUTE_NOT_FOUND in the same envelope.
 */
export function answerErrorsInEnvelope(
  api: FastifyInstance,
  toBody: (error: AppError, request: FastifyRequest) => unknown,
): void {
  api.setErrorHandler((error, request, reply) => {
    const fault = facadeFault(error, request);
    return reply.code(fault.httpStatus).send(toBody(fault.error, request));
  });
  api.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0];
    const error = new AppError(
      "ROUTE_NOT_FOUND",
      `this service implements only the QR login calls, not ${request.method} ${path}`,
    );
    return reply.send(toBody(error, request));
  });
}
