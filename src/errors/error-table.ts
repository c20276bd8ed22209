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
  UNSUPPORTED_MEDIA_TYPE: {
    apiCode: 1008,
    code: "BAD_REQUEST",
    statusCode: 415,
    cause:
      "The request body's Content-Type is not one the route reads (GraphQL: application/json).",
  },
  URL_TOO_LONG: {
    apiCode: 1009,
    code: "BAD_REQUEST",
    statusCode: 414,
    cause: "A path segment of the URL is longer than any handle this service issues.",
  },
  HEADERS_TOO_LARGE: {
    apiCode: 1010,
    code: "BAD_REQUEST",
    statusCode: 431,
    cause: "The request's headers are larger than Node's 16 KiB limit.",
  },
  REQUEST_TIMEOUT: {
    apiCode: 1011,
    code: "BAD_REQUEST",
    statusCode: 408,
    cause: "The request did not arrive in full within the server's request timeout.",
  },
  SUBSCRIPTION_NEEDS_WEBSOCKET: {
    apiCode: 1012,
    code: "BAD_REQUEST",
    statusCode: 400,
    cause:
      "A subscription was sent over HTTP; subscribe over WebSocket (graphql-ws) at the same /graphql path.",
  },
  SERVICE_SDL_GATEWAY_ONLY: {
    apiCode: 1013,
    code: "FORBIDDEN",
    statusCode: 403,
    cause:
      "`_service { sdl }` asked by anyone but the federation gateway (`x-gateway-secret`) while introspection is off.",
  },
  QUERY_TOO_COMPLEX: {
    apiCode: 1007,
    code: "GRAPHQL_VALIDATION_FAILED",
    statusCode: 400,
    cause:
      "The operation is deeper, has more aliases or directives, or costs more than the service accepts (`extensions.limit` says which).",
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
  PROOF_FIELD_NOT_FOR_TYPE: {
    apiCode: 2010,
    code: "BAD_USER_INPUT",
    statusCode: 400,
    cause:
      "A scanner call field that the code's type does not take (e.g. `wxCode`, `displayName` or `photo` for a code the company's app scans).",
  },
  WECHAT_EVENT_ONLY: {
    apiCode: 2011,
    code: "BAD_USER_INPUT",
    statusCode: 400,
    cause:
      "An official account code is scanned through WeChat's event push to the callback; it has no scanner calls.",
  },
  SCOPE_NOT_SUPPORTED: {
    apiCode: 2012,
    code: "BAD_USER_INPUT",
    statusCode: 400,
    cause:
      "The device authorization asked for a scope this service does not grant (OAuth `invalid_scope`; `scopes_supported` in the discovery document lists them).",
  },
  GRANT_TYPE_NOT_SUPPORTED: {
    apiCode: 2013,
    code: "BAD_USER_INPUT",
    statusCode: 400,
    cause:
      "The token endpoint was asked for a grant other than `urn:ietf:params:oauth:grant-type:device_code` (OAuth `unsupported_grant_type`).",
  },
  DEVICE_CODE_INVALID: {
    apiCode: 3013,
    code: "BAD_USER_INPUT",
    statusCode: 400,
    cause:
      "No device authorization of this client has this device code, or its tokens were already taken (OAuth `invalid_grant`).",
  },
  USER_CODE_NOT_FOUND: {
    apiCode: 3014,
    code: "NOT_FOUND",
    statusCode: 404,
    cause:
      "No live code of this application has this user code (typed instead of scanning); wrong codes are paced (`USER_CODE_RATE_LIMITED`).",
  },
  USER_CODE_RATE_LIMITED: {
    apiCode: 3027,
    code: "TOO_MANY_REQUESTS",
    statusCode: 429,
    cause:
      "Too many wrong user codes: 10 a minute from one client address, 1000 a minute for one application (RFC 8628 §5.1); `extensions.retryAfterMs` says when to try again.",
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
  QRCODE_EXPIRED: {
    apiCode: 3001,
    code: "BAD_USER_INPUT",
    statusCode: 400,
    cause:
      "The code passed its `expiresAt` before this step; the login page must generate a new one.",
  },
  QRCODE_CANCELLED: {
    apiCode: 3002,
    code: "BAD_USER_INPUT",
    statusCode: 400,
    cause: "The code was cancelled (by the scanner, or by the login hook's denial).",
  },
  QRCODE_ALREADY_AUTHORIZED: {
    apiCode: 3003,
    code: "BAD_USER_INPUT",
    statusCode: 400,
    cause: "The code is already authorized; a login happens once per code.",
  },
  QRCODE_NOT_SCANNED: {
    apiCode: 3004,
    code: "BAD_USER_INPUT",
    statusCode: 400,
    cause: "`confirmQRCode` came before `scanQRCode`; the scanner must scan first.",
  },
  QRCODE_SCANNED_BY_ANOTHER_USER: {
    apiCode: 3005,
    code: "FORBIDDEN",
    statusCode: 403,
    cause: "Another person has already scanned this code; only they may confirm or cancel it.",
  },
  TICKET_NOT_FOUND: {
    apiCode: 3010,
    code: "NOT_FOUND",
    statusCode: 404,
    cause: "No ticket of this application has this value.",
  },
  TICKET_ALREADY_USED: {
    apiCode: 3011,
    code: "BAD_USER_INPUT",
    statusCode: 400,
    cause: "The ticket was already exchanged; a ticket is good for one exchange.",
  },
  TICKET_EXPIRED: {
    apiCode: 3012,
    code: "BAD_USER_INPUT",
    statusCode: 400,
    cause: "The ticket's lifetime (the application's `ticketLifetimeSeconds`) has passed.",
  },
  POLLING_TOO_FAST: {
    apiCode: 3020,
    code: "TOO_MANY_REQUESTS",
    statusCode: 429,
    cause:
      "The status of this code was polled faster than the application's `pollIntervalMs`; wait `retryAfterMs` (like RFC 8628's `slow_down`).",
  },
  GENERATE_RATE_LIMITED: {
    apiCode: 3021,
    code: "TOO_MANY_REQUESTS",
    statusCode: 429,
    cause:
      "This client address generated more codes than the application's `generateLimit` allows; wait `retryAfterMs`.",
  },
  EXCHANGE_RATE_LIMITED: {
    apiCode: 3022,
    code: "TOO_MANY_REQUESTS",
    statusCode: 429,
    cause:
      "Too many failed ticket exchanges from this client address (10 a minute; an IPv6 client is its /64); past 300 a minute for the application, failing exchanges say this instead of why they failed, and valid ones go through; wait `retryAfterMs`.",
  },
  SCANNER_RATE_LIMITED: {
    apiCode: 3026,
    code: "TOO_MANY_REQUESTS",
    statusCode: 429,
    cause:
      "Too many scanner calls from this client address or for this code (`SCANNER_LIMIT`, default 3000 per address and 30 per code a minute), counted before WeChat is asked; wait `retryAfterMs`.",
  },
  SUBSCRIPTIONS_PER_CODE_EXCEEDED: {
    apiCode: 3023,
    code: "TOO_MANY_REQUESTS",
    statusCode: 429,
    cause:
      "This code already has as many live subscriptions on this server as `MAX_SUBSCRIPTIONS_PER_CODE` allows (default 10).",
  },
  SUBSCRIPTIONS_PER_CONNECTION_EXCEEDED: {
    apiCode: 3024,
    code: "TOO_MANY_REQUESTS",
    statusCode: 429,
    cause:
      "This WebSocket already carries as many subscriptions as `WS_MAX_SUBSCRIPTIONS_PER_CONNECTION` allows (default 20).",
  },
  CONNECTIONS_PER_ADDRESS_EXCEEDED: {
    apiCode: 3025,
    code: "TOO_MANY_REQUESTS",
    statusCode: 429,
    cause:
      "This client address holds as many WebSockets as `WS_MAX_CONNECTIONS_PER_ADDRESS` allows (default 100); the upgrade is refused with HTTP 429.",
  },
  LOGIN_DENIED: {
    apiCode: 3030,
    code: "FORBIDDEN",
    statusCode: 403,
    cause: "The application's login hook denied this login; the code is now CANCELLED.",
  },
  CROSS_NETWORK_REFUSED: {
    apiCode: 3032,
    code: "FORBIDDEN",
    statusCode: 403,
    cause:
      "The application requires the phone to be on the login page's network (`crossDevice.requireSameNetwork`), and it is not; the code is now CANCELLED, and the page is told why.",
  },
  CODE_TOO_OLD: {
    apiCode: 3033,
    code: "FORBIDDEN",
    statusCode: 403,
    cause:
      "The code is older than the application allows at approval (`crossDevice.maxCodeAgeSeconds`); the code is now CANCELLED, and the page is told why.",
  },
  LOGIN_HOOK_FAILED: {
    apiCode: 3031,
    code: "BAD_GATEWAY",
    statusCode: 502,
    cause:
      "The application's login hook timed out, failed or answered badly; the login is denied (fail closed).",
  },
  APP_TOKEN_REQUIRED: {
    apiCode: 4000,
    code: "UNAUTHENTICATED",
    statusCode: 401,
    cause: "The scanner's call has no `Authorization: Bearer` token of the company's app.",
  },
  APP_TOKEN_INVALID: {
    apiCode: 4001,
    code: "UNAUTHENTICATED",
    statusCode: 401,
    cause: "The app token is malformed, badly signed, or has the wrong issuer or audience.",
  },
  APP_TOKEN_EXPIRED: {
    apiCode: 4002,
    code: "UNAUTHENTICATED",
    statusCode: 401,
    cause: "The app token has expired (or is not valid yet).",
  },
  APP_TOKEN_OTHER_APPLICATION: {
    apiCode: 4003,
    code: "FORBIDDEN",
    statusCode: 403,
    cause: "The app token is valid, but for another application than the code's.",
  },
  APP_TOKENS_NOT_CONFIGURED: {
    apiCode: 4004,
    code: "FORBIDDEN",
    statusCode: 403,
    cause: "The code's application has no `appTokens` policy, so no app can scan its codes.",
  },
  APP_TOKEN_KEYS_UNAVAILABLE: {
    apiCode: 4005,
    code: "BAD_GATEWAY",
    statusCode: 502,
    cause: "The application's JWKS URL could not be fetched to check the app token.",
  },
  CLIENT_AUTH_REQUIRED: {
    apiCode: 4010,
    code: "UNAUTHENTICATED",
    statusCode: 401,
    cause:
      "The application is confidential: exchange tickets with its client secret (HTTP Basic or `clientSecret`).",
  },
  CLIENT_AUTH_FAILED: {
    apiCode: 4011,
    code: "UNAUTHENTICATED",
    statusCode: 401,
    cause:
      "The client secret given for the ticket exchange is wrong, or (for a confidential application, so that a made-up ticket tells nothing about the secret) no ticket has this value.",
  },
  WECHAT_CODE_REQUIRED: {
    apiCode: 4020,
    code: "UNAUTHENTICATED",
    statusCode: 401,
    cause:
      "A mini program code is scanned with a fresh `wx.login` code in `wxCode` (not a bearer token).",
  },
  WECHAT_CODE_INVALID: {
    apiCode: 4021,
    code: "UNAUTHENTICATED",
    statusCode: 401,
    cause:
      "WeChat refused the `wx.login` code as invalid or not of this mini program (errcode 40029).",
  },
  WECHAT_CODE_USED: {
    apiCode: 4022,
    code: "UNAUTHENTICATED",
    statusCode: 401,
    cause:
      "The `wx.login` code was already used (errcode 40163): call `wx.login` again for each call.",
  },
  WECHAT_USER_RISKY: {
    apiCode: 4023,
    code: "FORBIDDEN",
    statusCode: 403,
    cause: "WeChat flags this user as risky and refuses the login (errcode 40226).",
  },
  WECHAT_UNAVAILABLE: {
    apiCode: 6000,
    code: "BAD_GATEWAY",
    statusCode: 502,
    cause:
      "WeChat did not answer in time, answered an HTTP error or bytes that are neither an image nor JSON, or said it is busy (errcode -1).",
  },
  WECHAT_REJECTED: {
    apiCode: 6001,
    code: "BAD_GATEWAY",
    statusCode: 502,
    cause: "WeChat refused the call with an errcode not listed below (`extensions.wechatErrcode`).",
  },
  WECHAT_CREDENTIALS_INVALID: {
    apiCode: 6002,
    code: "BAD_GATEWAY",
    statusCode: 502,
    cause:
      "WeChat refused the connection's appId or appSecret when asked for an access token (a configuration error).",
  },
  WECHAT_ACCESS_TOKEN_REFUSED: {
    apiCode: 6003,
    code: "BAD_GATEWAY",
    statusCode: 502,
    cause:
      "WeChat refused a fresh access token too (errcode 40001, 40014 or 42001 after one refresh and retry).",
  },
  WECHAT_RATE_LIMITED: {
    apiCode: 6004,
    code: "TOO_MANY_REQUESTS",
    statusCode: 429,
    cause: "WeChat's own quota or frequency limit was reached (errcode 45009 or 45011).",
  },
  WECHAT_PAGE_INVALID: {
    apiCode: 6005,
    code: "BAD_GATEWAY",
    statusCode: 502,
    cause:
      "WeChat says the connection's mini program `page` does not exist in the published version (errcode 41030): fix `miniProgram.page` or set `checkPath: false`.",
  },
  WECHAT_SCENE_INVALID: {
    apiCode: 6006,
    code: "BAD_GATEWAY",
    statusCode: 502,
    cause: "WeChat refused the code's scene (errcode 40169).",
  },
  LOGO_UNAVAILABLE: {
    apiCode: 6007,
    code: "BAD_GATEWAY",
    statusCode: 502,
    cause:
      "The connection's `logoUrl` could not be fetched in time, was too large, or is not an image, so the logo could not be merged (`autoMergeQrCode`).",
  },
  WECHAT_CALLBACK_NOT_FOUND: {
    apiCode: 6010,
    code: "NOT_FOUND",
    statusCode: 404,
    cause:
      "The callback URL names no official account connection (`/wechat/{connectionId}/callback`).",
  },
  WECHAT_SIGNATURE_INVALID: {
    apiCode: 6011,
    code: "UNAUTHENTICATED",
    statusCode: 401,
    cause:
      "A callback's `signature` (or, in safe mode, `msg_signature`) is not the connection token's.",
  },
  WECHAT_TIMESTAMP_STALE: {
    apiCode: 6012,
    code: "UNAUTHENTICATED",
    statusCode: 401,
    cause:
      "A callback's `timestamp` is outside the accepted window (`WECHAT_CALLBACK_MAX_SKEW_SECONDS`, default 300).",
  },
  WECHAT_MESSAGE_INVALID: {
    apiCode: 6013,
    code: "BAD_REQUEST",
    statusCode: 400,
    cause:
      "A callback's body is not an event this service reads: XML with a DOCTYPE or an entity, XML that does not parse, or a safe-mode message that does not decrypt (bad padding, another appId).",
  },
  WECHAT_CALLBACK_RATE_LIMITED: {
    apiCode: 6014,
    code: "TOO_MANY_REQUESTS",
    statusCode: 429,
    cause:
      "More callbacks for one official account than `WECHAT_CALLBACK_LIMIT` allows; WeChat retries.",
  },
  WECHAT_SAFE_MODE_REQUIRED: {
    apiCode: 6015,
    code: "UNAUTHENTICATED",
    statusCode: 401,
    cause:
      "A plain-mode push (no `encrypt_type=aes`) to a connection configured with an `encodingAESKey`: such a connection takes only pushes whose `msg_signature` covers the body.",
  },
  WECHAT_PUSH_REPLAYED: {
    apiCode: 6016,
    code: "FORBIDDEN",
    statusCode: 403,
    cause:
      "A push reused the `timestamp`, `nonce` and `signature` of an earlier push with another body (a push URL read from a log and replayed); WeChat's own retries repeat the body and are answered as the first.",
  },
  SUBSCRIPTIONS_EXHAUSTED: {
    apiCode: 5003,
    code: "SERVICE_UNAVAILABLE",
    statusCode: 503,
    cause:
      "This server holds as many subscriptions as `WS_MAX_SUBSCRIPTIONS` allows (default: half the memory budget at 4 KiB each), or the memory budget is spent; subscribe again (another replica) or poll.",
  },
  WEBSOCKETS_EXHAUSTED: {
    apiCode: 5004,
    code: "SERVICE_UNAVAILABLE",
    statusCode: 503,
    cause:
      "This server holds as many WebSockets as `WS_MAX_CONNECTIONS` allows (default: half the memory budget at 16 KiB each), or the memory budget is spent; the upgrade is refused with HTTP 503.",
  },
  STORE_UNAVAILABLE: {
    apiCode: 5000,
    code: "SERVICE_UNAVAILABLE",
    statusCode: 503,
    cause: "The session store did not answer in time; retry later.",
  },
  SHUTTING_DOWN: {
    apiCode: 5002,
    code: "SERVICE_UNAVAILABLE",
    statusCode: 503,
    cause:
      "This replica is shutting down (SIGTERM); retry, and the load balancer sends you to another.",
  },
  STORE_FULL: {
    apiCode: 5001,
    code: "SERVICE_UNAVAILABLE",
    statusCode: 503,
    cause:
      "The embedded (memory) store holds as many codes as `MEMORY_MAX_CODES` allows; retry once some expire.",
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorName = keyof typeof ERROR_TABLE;

export function errorSpec(name: ErrorName): ErrorSpec {
  return ERROR_TABLE[name];
}
