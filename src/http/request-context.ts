import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

interface RequestScope {
  readonly requestId: string;
}

/**
 * The request id follows the request through async code, so the GraphQL error formatter can
 * stamp it on errors raised before any context object exists (body and parse errors).
 */
const scope = new AsyncLocalStorage<RequestScope>();

export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return scope.run({ requestId }, fn);
}

export function currentRequestId(): string | undefined {
  return scope.getStore()?.requestId;
}

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** Keep a caller's `x-request-id` when it is sane (for tracing across services), else mint one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === "string" && CLIENT_REQUEST_ID.test(header) ? header : randomUUID();
}
