import { randomUUID } from "node:crypto";

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** Keep a caller's `x-request-id` when it is sane (for tracing across services), else mint one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === "string" && CLIENT_REQUEST_ID.test(header) ? header : randomUUID();
}

/**
 * Stamps the request id on every error of a GraphQL response body. Done on the encoded body,
 * and only when it has errors, because Apollo formats some errors (bad requests, parse errors)
 * before any context exists; the alternative, an AsyncLocalStorage scope per request, put a
 * promise hook on every promise of the process (about a tenth of generateQRCode's throughput).
 */
export function stampRequestId(body: string, requestId: string): string {
  if (!body.includes('"errors"')) {
    return body;
  }
  const parsed = JSON.parse(body) as { errors?: { extensions?: Record<string, unknown> }[] };
  if (!Array.isArray(parsed.errors)) {
    return body;
  }
  for (const error of parsed.errors) {
    error.extensions = { ...error.extensions, requestId };
  }
  return `${JSON.stringify(parsed)}\n`;
}
