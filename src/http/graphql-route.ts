import { type ApolloServer, HeaderMap } from "@apollo/server";
import { type FastifyInstance, type FastifyRequest } from "fastify";

import { type GraphQLContext } from "../graphql/context";
import { runWithRequestId } from "./request-context";

/**
 * Mounts Apollo Server on Fastify through `executeHTTPGraphQLRequest`, the integration API,
 * inside the request's id scope so every error Apollo formats carries the request id.
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
      const response = await runWithRequestId(request.id, () =>
        apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: {
            method: request.method,
            headers: toHeaderMap(request.headers),
            search: queryStart === -1 ? "" : request.url.slice(queryStart),
            body: request.body,
          },
          context: async () => makeContext(request),
        }),
      );
      for (const [name, value] of response.headers) {
        void reply.header(name, value);
      }
      void reply.code(response.status ?? 200);
      if (response.body.kind === "complete") {
        return reply.send(response.body.string);
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
