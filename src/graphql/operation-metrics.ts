import { type ApolloServerPlugin, type GraphQLRequestListener } from "@apollo/server";
import { Kind, type OperationDefinitionNode } from "graphql";

import { type ServiceMetrics } from "../metrics/service-metrics";
import { type GraphQLContext } from "./context";

/** What `graphql_operations_total` is labelled by: the root field and the kind. A field of
 * the schema, or `other` (introspection, `__typename`, a document that did not validate), so
 * a client cannot add label values. */
export function operationLabels(operation: OperationDefinitionNode | undefined): {
  field: string;
  kind: string;
} {
  const first = operation?.selectionSet.selections[0];
  const field = first?.kind === Kind.FIELD ? first.name.value : "other";
  return {
    field: field.startsWith("__") ? "other" : field,
    kind: operation?.operation ?? "unknown",
  };
}

/**
 * Counts every operation over HTTP once it is answered: `ok`, or the first error's code. One
 * listener object for every request (no allocation per request). `operation` is set only once
 * the document validated against the schema, so its field names are the schema's.
 */
export function operationMetricsPlugin(
  metrics: Pick<ServiceMetrics, "graphqlOperation">,
  extra: GraphQLRequestListener<GraphQLContext>,
): ApolloServerPlugin<GraphQLContext> {
  const listener: GraphQLRequestListener<GraphQLContext> = {
    ...extra,
    async willSendResponse({ operation, response }) {
      const { field, kind } = operationLabels(operation);
      const errors =
        response.body.kind === "single" ? response.body.singleResult.errors : undefined;
      const code = errors?.[0]?.extensions?.code;
      metrics.graphqlOperation(field, kind, typeof code === "string" ? code : "ok");
    },
  };
  return { requestDidStart: async () => listener };
}
