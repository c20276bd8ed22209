import { ApolloArmor } from "@escape.tech/graphql-armor";
import {
  type ASTVisitor,
  GraphQLError,
  type ValidationContext,
  type ValidationRule,
} from "graphql";

/** Beyond this many tokens graphql's own parser stops (a parse option, so no per-request hook). */
export const MAX_QUERY_TOKENS = 1000;

/** Each rejection names the limit, so the error formatter can give it its own apiCode. */
function rejectAs(limit: string) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) =>
        context?.reportError(new GraphQLError(error.message, { extensions: { limit } })),
    ],
  };
}

/**
 * Depth, alias, directive and cost limits from GraphQL Armor, as validation rules only: Apollo
 * caches validated documents, so they cost nothing on a login page's repeated operations. Armor's
 * field-suggestion plugin is left out (introspection is on, so suggestions reveal nothing more),
 * and so is its token plugin, for graphql's own `maxTokens`.
 */
export function queryLimitRules(): ValidationRule[] {
  return new ApolloArmor({
    blockFieldSuggestion: { enabled: false },
    maxTokens: { enabled: false },
    maxDepth: { n: 6, ...rejectAs("depth") },
    maxAliases: { n: 15, ...rejectAs("aliases") },
    maxDirectives: { n: 50, ...rejectAs("directives") },
    costLimit: { maxCost: 5000, ...rejectAs("cost") },
  }).protect().validationRules;
}

/**
 * HTTP carries queries and mutations; a subscription sent there would resolve to nothing. A
 * validation rule, so it costs nothing on the repeated operations Apollo has validated once.
 */
export function noSubscriptionsOverHttp(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (node.operation === "subscription") {
        context.reportError(
          new GraphQLError(
            "subscribe over WebSocket (graphql-ws, subprotocol graphql-transport-ws) at /graphql",
            { nodes: [node], extensions: { needsWebSocket: true } },
          ),
        );
      }
    },
  };
}
