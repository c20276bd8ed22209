import { ApolloServerErrorCode, unwrapResolverError } from "@apollo/server/errors";
import { type ValidationError } from "class-validator";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { ArgumentValidationError } from "type-graphql";

import { AppError, type ErrorDetails, isAppError } from "../errors/app-error";
import { type ErrorName, errorSpec } from "../errors/error-table";

/** Apollo's own request-level codes, each with its row in our table. */
const APOLLO_CODES: Partial<Record<string, ErrorName>> = {
  [ApolloServerErrorCode.GRAPHQL_PARSE_FAILED]: "GRAPHQL_PARSE_FAILED",
  [ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED]: "GRAPHQL_VALIDATION_FAILED",
  [ApolloServerErrorCode.BAD_USER_INPUT]: "INVALID_VARIABLES",
  [ApolloServerErrorCode.BAD_REQUEST]: "MALFORMED_REQUEST",
  [ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE]: "MALFORMED_REQUEST",
  [ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND]: "MALFORMED_REQUEST",
  [ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED]: "MALFORMED_REQUEST",
};

/** Every GraphQL error leaves with `code`, `statusCode` and `apiCode` (the transport adds
 * `requestId`); unexpected ones are masked (no message, no stack) and logged instead. */
export function makeErrorFormatter({
  hideSuggestions = false,
  onRefusal = (_name: ErrorName): void => undefined,
} = {}) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const appError = tableErrorOf(error, formatted);
    onRefusal(appError.errorName);
    return {
      // With introspection off, graphql's "Did you mean …?" would spell the schema out anyway.
      message: hideSuggestions
        ? appError.message.replace(/ ?Did you mean .+\?$/, "")
        : appError.message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: extensionsOf(appError.errorName, appError.details),
    };
  };
}

/** The `extensions.code` an error leaves with (for counting; no side effect). */
export function errorCodeOf(error: GraphQLError): string {
  return tableErrorOf(error, error.toJSON()).spec.code;
}

/** The error's row of the table; anything unexpected is INTERNAL_ERROR (masked). */
function tableErrorOf(error: unknown, formatted: GraphQLFormattedError): AppError {
  return (
    toAppError(unwrapResolverError(error), formatted) ??
    new AppError("INTERNAL_ERROR", "Internal server error")
  );
}

/** Whether an error is one the error table expects, rather than a fault to log. */
export function isExpectedError(error: unknown): boolean {
  const original = unwrapResolverError(error);
  if (
    isAppError(original) ||
    original instanceof ArgumentValidationError ||
    (original instanceof GraphQLError && isAppError(original.originalError))
  ) {
    return true;
  }
  const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
  return APOLLO_CODES[String(code)] !== undefined;
}

export function extensionsOf(
  name: ErrorName,
  details: ErrorDetails = {},
  requestId?: string,
): Record<string, unknown> {
  const spec = errorSpec(name);
  return {
    ...details,
    code: spec.code,
    statusCode: spec.statusCode,
    apiCode: spec.apiCode,
    ...(requestId === undefined ? {} : { requestId }),
  };
}

function toAppError(original: unknown, formatted: GraphQLFormattedError): AppError | undefined {
  if (isAppError(original)) {
    return original;
  }
  // A transport's own refusal (graphql-ws hooks) wraps an AppError without a resolver path.
  if (original instanceof GraphQLError && isAppError(original.originalError)) {
    return original.originalError;
  }
  if (original instanceof ArgumentValidationError) {
    return fromValidationErrors(original.extensions.validationErrors as ValidationError[]);
  }
  if (formatted.extensions?.needsWebSocket === true) {
    return new AppError("SUBSCRIPTION_NEEDS_WEBSOCKET", formatted.message);
  }
  const limit = formatted.extensions?.limit;
  if (typeof limit === "string") {
    return new AppError("QUERY_TOO_COMPLEX", formatted.message, { limit });
  }
  const name = APOLLO_CODES[String(formatted.extensions?.code)];
  return name ? new AppError(name, formatted.message) : undefined;
}

/** class-validator's nested report, flattened to the first broken rule with its field path. */
function fromValidationErrors(errors: readonly ValidationError[], prefix = ""): AppError {
  const first = errors[0];
  if (!first) {
    return new AppError("INVALID_INPUT", "input is invalid");
  }
  const field = prefix + first.property;
  if (first.children?.length) {
    return fromValidationErrors(first.children, `${field}.`);
  }
  const reason = Object.values(first.constraints ?? {})[0] ?? "is invalid";
  return new AppError("INVALID_INPUT", `${field}: ${reason}`, { field });
}
