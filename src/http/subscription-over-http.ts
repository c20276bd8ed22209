import { type FastifyRequest } from "fastify";

/** A subscription operation at the start of the document or after another definition. */
const SUBSCRIPTION = /(^|\})\s*subscription\b/;

/**
 * A subscription asked for over plain HTTP: an event stream (SSE) asked for, or a subscription
 * in a GET's query. Either is told to subscribe over WebSocket, rather than failing Apollo's
 * CSRF or accept checks with a message about something else. (A POSTed subscription reaches
 * the same answer from the query limits.)
 */
export function isSubscriptionOverHttp(request: FastifyRequest): boolean {
  const accept = request.headers.accept;
  if (accept !== undefined && accept.includes("text/event-stream") && !accept.includes("json")) {
    return true;
  }
  if (request.method !== "GET") {
    return false;
  }
  const query = (request.query as Record<string, unknown> | undefined)?.query;
  return typeof query === "string" && SUBSCRIPTION.test(query);
}
