import { buildSubgraphSchema } from "@apollo/subgraph";
import { MapperKind, mapSchema } from "@graphql-tools/utils";
import { isSpecifiedDirective, printSchema } from "graphql";

import { subgraphTypeDefs } from "./build-schema";

/**
 * The API as a client sees it, what `schema/client-schema.graphqls` holds: the subgraph without
 * federation's machinery (`_service`, `_entities`, `_Any`, `@key`, `@link`), which client code
 * generators (Apollo iOS, Apollo Kotlin) do not know and need not see.
 */
export async function clientSdl(): Promise<string> {
  const subgraph = buildSubgraphSchema({ typeDefs: await subgraphTypeDefs() });
  const isFederationName = (name: string) =>
    name.startsWith("_") || name.startsWith("link__") || name.startsWith("federation__");
  const client = mapSchema(subgraph, {
    [MapperKind.TYPE]: (type) =>
      isFederationName(type.name) || type.name === "FieldSet" ? null : type,
    [MapperKind.ROOT_FIELD]: (field, name) => (isFederationName(name) ? null : field),
    [MapperKind.DIRECTIVE]: (directive) => (isSpecifiedDirective(directive) ? directive : null),
  });
  return `${printSchema(client).trimEnd()}\n`;
}
