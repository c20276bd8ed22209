import { ApolloServer, type GraphQLRequestListener } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from "@apollo/server/plugin/disabled";
import { type GraphQLSchema } from "graphql";

import { noMetrics, type ServiceMetrics } from "../metrics/service-metrics";
import { type GraphQLContext, type RequestLogger } from "./context";
import { isExpectedError, makeErrorFormatter } from "./format-error";
import { jitGateway, type JitOptions } from "./jit/jit-executor";
import { operationMetricsPlugin } from "./operation-metrics";
import { MAX_QUERY_TOKENS, noSubscriptionsOverHttp, queryLimitRules } from "./query-limits";

/** One listener for every request: no allocation on the happy path. */
const errorLogger: GraphQLRequestListener<GraphQLContext> = {
  async didEncounterErrors({ errors, contextValue }) {
    for (const error of errors) {
      if (!isExpectedError(error)) {
        contextValue.logger.error(
          { err: unwrapResolverError(error) },
          "unexpected error in a GraphQL request",
        );
      }
    }
  },
};

/**
 * Apollo's defaults fit: Sandbox as the landing page outside production, CSRF prevention on,
 * stack traces never in responses. Cache control is off: nothing here is cacheable (codes are
 * one-time and private), and its per-field hook is a measurable cost on every request.
 * Operations run compiled by graphql-jit once seen (see `jitGateway`).
 */
export interface ApolloOptions {
  /** graphql-jit executes operations once seen (`GRAPHQL_JIT`, on by default); false: graphql-js. */
  readonly jit?: JitOptions | false;
  /** Off in production by default; "Did you mean" suggestions go with it. */
  readonly introspection?: boolean;
  /** Inline traces (ftv1) for a federation gateway; the HTTP route passes the request header
   * through only from the gateway (its shared secret). Off: no traces for anyone. */
  readonly inlineTraces?: boolean;
  readonly metrics?: ServiceMetrics;
}

export function createApolloServer(
  schema: GraphQLSchema,
  logger: RequestLogger,
  { jit = {}, introspection = true, inlineTraces = false, metrics = noMetrics }: ApolloOptions = {},
): ApolloServer<GraphQLContext> {
  return new ApolloServer<GraphQLContext>({
    ...(jit === false ? { schema } : { gateway: jitGateway(schema, jit) }),
    introspection,
    // main.ts owns the signals: HTTP drains first, and Apollo stops after the last request.
    // Apollo's own handler (on unless NODE_ENV=test) would stop it mid-drain and answer 500s.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    formatError: makeErrorFormatter({
      hideSuggestions: !introspection,
      onRefusal: (name) => metrics.refused(name),
    }),
    validationRules: [...queryLimitRules(), noSubscriptionsOverHttp],
    parseOptions: { maxTokens: MAX_QUERY_TOKENS },
    logger,
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      ...(inlineTraces ? [] : [ApolloServerPluginInlineTraceDisabled()]),
      // Logs the faults the formatter masks, with the request's logger (and so its request
      // id), and counts each operation.
      operationMetricsPlugin(metrics, errorLogger),
    ],
  });
}
