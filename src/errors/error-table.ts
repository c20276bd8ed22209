/**
 * The one table of errors this service can return. Every error a client sees carries the row's
 * `apiCode` (ours, one per cause), `code` (Apollo's `extensions.code`) and `statusCode`
 * (HTTP-like). The README's table is checked against this one by a test.
 */
export type ApolloErrorCode =
  | "BAD_REQUEST"
  | "GRAPHQL_PARSE_FAILED"
  | "GRAPHQL_VALIDATION_FAILED"
  | "BAD_USER_INPUT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "TOO_MANY_REQUESTS"
  | "BAD_GATEWAY"
  | "SERVICE_UNAVAILABLE"
  | "INTERNAL_SERVER_ERROR";

export interface ErrorSpec {
  readonly apiCode: number;
  readonly code: ApolloErrorCode;
  readonly statusCode: number;
  readonly cause: string;
}

export const ERROR_TABLE = {
  INTERNAL_ERROR: {
    apiCode: 1000,
    code: "INTERNAL_SERVER_ERROR",
    statusCode: 500,
    cause: "An unexpected fault; details are logged under the request id, never returned.",
  },
  MALFORMED_REQUEST: {
    apiCode: 1001,
    code: "BAD_REQUEST",
    statusCode: 400,
    cause:
      "The HTTP request is not a GraphQL request: unparsable JSON, wrong content type, or no query.",
  },
  GRAPHQL_PARSE_FAILED: {
    apiCode: 1002,
    code: "GRAPHQL_PARSE_FAILED",
    statusCode: 400,
    cause: "The query is not valid GraphQL syntax.",
  },
  GRAPHQL_VALIDATION_FAILED: {
    apiCode: 1003,
    code: "GRAPHQL_VALIDATION_FAILED",
    statusCode: 400,
    cause: "The query does not fit the schema: unknown field, wrong enum value, missing argument.",
  },
  INVALID_VARIABLES: {
    apiCode: 1004,
    code: "BAD_USER_INPUT",
    statusCode: 400,
    cause: "A variable's value does not fit its declared type.",
  },
  ROUTE_NOT_FOUND: {
    apiCode: 1005,
    code: "NOT_FOUND",
    statusCode: 404,
    cause: "No such HTTP route.",
  },
  REQUEST_TOO_LARGE: {
    apiCode: 1006,
    code: "BAD_REQUEST",
    statusCode: 413,
    cause: "The request body is larger than the service accepts.",
  },
  INVALID_INPUT: {
    apiCode: 2000,
    code: "BAD_USER_INPUT",
    statusCode: 400,
    cause: "An input field breaks a validation rule (the message names the field).",
  },
  FIELD_NOT_ALLOWED_FOR_TYPE: {
    apiCode: 2001,
    code: "BAD_USER_INPUT",
    statusCode: 400,
    cause: "An input field was given for a QR code type that does not take it.",
  },
  JSON_TOO_LARGE: {
    apiCode: 2002,
    code: "BAD_USER_INPUT",
    statusCode: 400,
    cause: "A JSON object input is larger than 4 KiB serialized.",
  },
  JSON_TOO_DEEP: {
    apiCode: 2003,
    code: "BAD_USER_INPUT",
    statusCode: 400,
    cause: "A JSON object input is nested more than 5 levels deep.",
  },
  CONNECTION_NOT_FOUND: {
    apiCode: 2004,
    code: "BAD_USER_INPUT",
    statusCode: 400,
    cause: "`extIdpConnId` names no connection of the application.",
  },
  CONNECTION_DISABLED: {
    apiCode: 2005,
    code: "BAD_USER_INPUT",
    statusCode: 400,
    cause: "`extIdpConnId` names a connection that is disabled.",
  },
  CONNECTION_TYPE_MISMATCH: {
    apiCode: 2006,
    code: "BAD_USER_INPUT",
    statusCode: 400,
    cause: "`extIdpConnId` names a connection of another type than the QR code's.",
  },
  NO_CONNECTION_FOR_TYPE: {
    apiCode: 2007,
    code: "BAD_USER_INPUT",
    statusCode: 400,
    cause: "The application has no enabled connection for this WeChat QR code type.",
  },
  IMAGE_SIZE_INVALID: {
    apiCode: 2008,
    code: "BAD_USER_INPUT",
    statusCode: 400,
    cause: "The image `size` query parameter is not a whole number within the allowed range.",
  },
  QR_TYPE_UNAVAILABLE: {
    apiCode: 2009,
    code: "BAD_USER_INPUT",
    statusCode: 400,
    cause: "This server cannot issue QR codes of the requested type yet.",
  },
  APP_ID_REQUIRED: {
    apiCode: 2100,
    code: "BAD_USER_INPUT",
    statusCode: 400,
    cause: "The request has no `x-app-id` header naming the application.",
  },
  APP_NOT_FOUND: {
    apiCode: 2101,
    code: "NOT_FOUND",
    statusCode: 404,
    cause: "The `x-app-id` header names no configured application.",
  },
  ORIGIN_NOT_ALLOWED: {
    apiCode: 2102,
    code: "FORBIDDEN",
    statusCode: 403,
    cause: "The request's `Origin` is not among the application's allowed origins.",
  },
  QRCODE_NOT_FOUND: {
    apiCode: 3000,
    code: "NOT_FOUND",
    statusCode: 404,
    cause: "No live QR code has this id or scan token (never issued, or expired and gone).",
  },
  STORE_UNAVAILABLE: {
    apiCode: 5000,
    code: "SERVICE_UNAVAILABLE",
    statusCode: 503,
    cause: "The session store did not answer in time; retry later.",
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorName = keyof typeof ERROR_TABLE;

export function errorSpec(name: ErrorName): ErrorSpec {
  return ERROR_TABLE[name];
}
