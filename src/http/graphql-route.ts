import { type ApolloServer, HeaderMap } from "@apollo/server";
import { type FastifyInstance, type FastifyRequest } from "fastify";

import { type GraphQLContext } from "../graphql/context";
import { stampRequestId } from "./request-id";

/**
 * Mounts Apollo Server on Fastify through `executeHTTPGraphQLRequest`, the integration API;
 * every error in the answer carries the request id.
 */
export function registerGraphQLRoute(
  app: FastifyInstance,
  apollo: ApolloServer<GraphQLContext>,
  makeContext: (request: FastifyRequest) => GraphQLContext,
): void {
  app.route({
    method: ["GET", "POST"],
    url: "/graphql",
    handler: async (request, reply) => {
      const queryStart = request.url.indexOf("?");
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: request.method,
          headers: toHeaderMap(request.headers),
          search: queryStart === -1 ? "" : request.url.slice(queryStart),
          body: request.body,
        },
        context: async () => makeContext(request),
      });
      if ((response.status ?? 200) >= 500) {
        request.log.error({ status: response.status }, "GraphQL request failed in the server");
      }
      for (const [name, value] of response.headers) {
        void reply.header(name, value);
      }
      void reply.code(response.status ?? 200);
      if (response.body.kind === "complete") {
        return reply.send(stampRequestId(response.body.string, request.id));
      }
      return reply.send(response.body.asyncIterator);
    },
  });
}

function toHeaderMap(headers: FastifyRequest["headers"]): HeaderMap {
  const map = new HeaderMap();
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) {
      map.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
  }
  return map;
}
