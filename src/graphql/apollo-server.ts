import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { type FastifyBaseLogger } from "fastify";
import { type GraphQLSchema } from "graphql";

import { type GraphQLContext } from "./context";
import { makeErrorFormatter } from "./format-error";

/**
 * Apollo's defaults fit: Sandbox as the landing page outside production, CSRF prevention on,
 * stack traces never in responses. Cache control is off: nothing here is cacheable (codes are
 * one-time and private), and its per-field hook is a measurable cost on every request.
 */
export function createApolloServer(
  schema: GraphQLSchema,
  logger: FastifyBaseLogger,
): ApolloServer<GraphQLContext> {
  return new ApolloServer<GraphQLContext>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: makeErrorFormatter(logger),
    logger,
    plugins: [ApolloServerPluginCacheControlDisabled()],
  });
}
