import { createHash, timingSafeEqual } from "node:crypto";

import { type ApolloServer, HeaderMap } from "@apollo/server";
import { type FastifyInstance, type FastifyRequest } from "fastify";

import { AppError } from "../errors/app-error";
import { type GraphQLContext } from "../graphql/context";
import { sendAppError } from "./error-reply";
import { wantsExplorer } from "./explorer-page";
import { graphqlHttpStatus } from "./graphql-status";
import { stampRequestId } from "./request-id";
import { isSubscriptionOverHttp } from "./subscription-over-http";
import { pageSecurityHeaders } from "./web-assets";

/**
 * Mounts Apollo Server on Fastify through `executeHTTPGraphQLRequest`, the integration API;
 * every error in the answer carries the request id. A browser opening it gets the explorer.
 */
export function registerGraphQLRoute(
  app: FastifyInstance,
  apollo: ApolloServer<GraphQLContext>,
  makeContext: (request: FastifyRequest, fromGateway: boolean) => GraphQLContext,
  gatewaySecret: string | undefined,
  explorerHtml?: string,
): void {
  app.route({
    method: ["GET", "POST"],
    url: "/graphql",
    handler: async (request, reply) => {
      if (explorerHtml !== undefined && wantsExplorer(request)) {
        return reply.headers(EXPLORER_HEADERS).type("text/html; charset=utf-8").send(explorerHtml);
      }
      if (isSubscriptionOverHttp(request)) {
        return sendAppError(reply, new AppError("SUBSCRIPTION_NEEDS_WEBSOCKET", SUBSCRIBE_HINT));
      }
      const queryStart = request.url.indexOf("?");
      const fromGateway = isFromGateway(request, gatewaySecret);
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: request.method,
          headers: toHeaderMap(request.headers, fromGateway),
          search: queryStart === -1 ? "" : request.url.slice(queryStart),
          body: request.body,
        },
        context: async () => makeContext(request, fromGateway),
      });
      if ((response.status ?? 200) >= 500) {
        request.log.error({ status: response.status }, "GraphQL request failed in the server");
      }
      for (const [name, value] of response.headers) {
        void reply.header(name, value);
      }
      // Answers carry tickets and tokens: no cache, shared or private, may keep them.
      void reply.header("cache-control", "no-store");
      void reply.code(response.status ?? 200);
      if (response.body.kind === "complete") {
        const body = stampRequestId(response.body.string, request.id);
        const status = graphqlHttpStatus(body, response.status ?? 200);
        if (status === 503) {
          void reply.code(503).header("retry-after", "1");
        }
        return reply.send(body);
      }
      return reply.send(response.body.asyncIterator);
    },
  });
}

const EXPLORER_HEADERS = pageSecurityHeaders();
const SUBSCRIBE_HINT =
  "subscribe over WebSocket (graphql-ws, subprotocol graphql-transport-ws) at /graphql";

/** The federation gateway proves itself with the shared secret in `x-gateway-secret`. */
function isFromGateway(request: FastifyRequest, secret: string | undefined): boolean {
  const given = request.headers["x-gateway-secret"];
  if (secret === undefined || typeof given !== "string") {
    return false;
  }
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(secret));
}

/** Resolver timings (ftv1 traces) are for the gateway only: from anyone else the header that
 * asks for them is dropped before Apollo sees it. */
const TRACE_HEADER = "apollo-federation-include-trace";

function toHeaderMap(headers: FastifyRequest["headers"], fromGateway: boolean): HeaderMap {
  const map = new HeaderMap();
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && (fromGateway || name !== TRACE_HEADER)) {
      map.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
  }
  return map;
}
