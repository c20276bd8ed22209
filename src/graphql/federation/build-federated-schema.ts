import { buildSubgraphSchema } from "@apollo/subgraph";
import { type GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { type DocumentNode, type GraphQLSchema, parse } from "graphql";
import { buildSchema, type BuildSchemaOptions, createResolversMap } from "type-graphql";

/** type-graphql's resolver map: a record of resolvers (or scalars, enums) by type and field. */
export type ResolverMap = Record<string, Record<string, unknown>>;

/** What a subgraph adds to type-graphql's options: its entities' reference resolvers, and a
 * last look at its types before the subgraph is built. */
export interface FederationOptions {
  readonly referenceResolvers?: ResolverMap;
  /** Rewrites the type-graphql schema's types before the subgraph is made of them. */
  readonly adjustTypes?: (schema: GraphQLSchema) => GraphQLSchema;
}

const FEDERATION_LINK = `
  extend schema
    @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])
`;

/**
 * As type-graphql's federation example does it: build the type-graphql schema (directives such
 * as `@key` come through `printSchemaWithDirectives`), then rebuild it as an Apollo Federation
 * 2 subgraph (`_service`, `_entities`) with type-graphql's resolvers and the reference ones.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, "skipCheck">,
  { referenceResolvers = {}, adjustTypes }: FederationOptions = {},
): Promise<GraphQLSchema> {
  const built = await buildSchema({ ...options, skipCheck: true });
  const schema = adjustTypes ? adjustTypes(built) : built;
  // type-graphql's map and Apollo's are the same shape under different declared types.
  const resolvers = createResolversMap(schema) as ResolverMap;
  Object.assign(resolvers, referenceResolvers);
  return buildSubgraphSchema({
    typeDefs: federatedTypeDefs(schema),
    resolvers: resolvers as GraphQLResolverMap<unknown>,
  });
}

/** The subgraph's type definitions alone (for printing its SDL): no resolvers, no services. */
export async function buildFederatedTypeDefs(
  options: Omit<BuildSchemaOptions, "skipCheck">,
): Promise<DocumentNode> {
  return federatedTypeDefs(await buildSchema({ ...options, skipCheck: true }));
}

function federatedTypeDefs(schema: GraphQLSchema): DocumentNode {
  return parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`);
}
