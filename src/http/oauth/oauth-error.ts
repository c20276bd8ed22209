import { type FastifyReply } from "fastify";

import { isAppError } from "../../errors/app-error";
import { errorSpec } from "../../errors/error-table";

/** RFC 6749 §5.2's error codes, and RFC 8628 §3.5's for the device grant. */
export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "invalid_scope"
  | "unsupported_grant_type"
  | "authorization_pending"
  | "slow_down"
  | "access_denied"
  | "expired_token"
  | "temporarily_unavailable"
  | "server_error";

/** An OAuth answer is never cached: it may carry tokens, or say a device code is live. */
export function noStore(reply: FastifyReply): FastifyReply {
  return reply.header("cache-control", "no-store").header("pragma", "no-cache");
}

/** RFC 6749 §5.2's JSON; `api_code` is this service's row (docs/errors.md) where one applies. */
export function sendOAuthError(
  reply: FastifyReply,
  status: number,
  error: OAuthErrorCode,
  description: string,
  apiCode?: number,
): FastifyReply {
  return noStore(reply)
    .code(status)
    .type("application/json")
    .send({
      error,
      error_description: description,
      ...(apiCode === undefined ? {} : { api_code: apiCode }),
    });
}

/** The service's refusals in OAuth's words; anything unexpected is masked (and logged). */
export function sendOAuthFailure(
  reply: FastifyReply,
  failure: unknown,
  basicAuth: boolean,
): FastifyReply {
  if (!isAppError(failure)) {
    reply.request.log.error({ err: failure }, "an OAuth request failed");
    return sendOAuthError(
      reply,
      500,
      "server_error",
      "the request failed; it is logged",
      errorSpec("INTERNAL_ERROR").apiCode,
    );
  }
  const { apiCode, code } = errorSpec(failure.errorName);
  switch (failure.errorName) {
    case "APP_ID_REQUIRED":
    case "APP_NOT_FOUND":
    case "CLIENT_AUTH_FAILED":
    case "CLIENT_AUTH_REQUIRED":
      // RFC 6749 §5.2: a client that tried HTTP Basic is told how to authenticate.
      if (basicAuth) {
        void reply.header("www-authenticate", 'Basic realm="qr-login", charset="UTF-8"');
      }
      return sendOAuthError(reply, 401, "invalid_client", failure.message, apiCode);
    case "SCOPE_NOT_SUPPORTED":
      return sendOAuthError(reply, 400, "invalid_scope", failure.message, apiCode);
    case "GRANT_TYPE_NOT_SUPPORTED":
      return sendOAuthError(reply, 400, "unsupported_grant_type", failure.message, apiCode);
  }
  if (code === "TOO_MANY_REQUESTS") {
    const retryAfterMs = Number(failure.details.retryAfterMs ?? 1000);
    void reply.header("retry-after", String(Math.ceil(retryAfterMs / 1000)));
    return sendOAuthError(reply, 429, "slow_down", failure.message, apiCode);
  }
  if (code === "SERVICE_UNAVAILABLE") {
    void reply.header("retry-after", "1");
    return sendOAuthError(reply, 503, "temporarily_unavailable", failure.message, apiCode);
  }
  if (code === "BAD_USER_INPUT" || code === "FORBIDDEN" || code === "NOT_FOUND") {
    return sendOAuthError(reply, 400, "invalid_request", failure.message, apiCode);
  }
  return sendOAuthError(reply, 502, "server_error", failure.message, apiCode);
}
