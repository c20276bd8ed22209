import { buildSubgraphSchema, printSubgraphSchema } from "@apollo/subgraph";

import { subgraphTypeDefs } from "./build-schema";

/** The subgraph SDL exactly as `_service { sdl }` serves it; what `schema/schema.graphql` holds.
 * Printed from the type definitions alone: no services, stores or keys are built for it. */
export async function subgraphSdl(): Promise<string> {
  const schema = buildSubgraphSchema({ typeDefs: await subgraphTypeDefs() });
  return `${printSubgraphSchema(schema).trimEnd()}\n`;
}
