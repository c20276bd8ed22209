import { buildSubgraphSchema } from "@apollo/subgraph";
import { type GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { type GraphQLSchema } from "graphql";
import gql from "graphql-tag";
import { buildSchema, createResolversMap, Mutation, Query, Resolver } from "type-graphql";

/** The baseline of generateQRCode's figures: the least a type-graphql mutation can do. */
@Resolver()
export class TrivialResolver {
  @Query(() => Boolean)
  alive(): boolean {
    return true;
  }

  @Mutation(() => Boolean)
  ping(): boolean {
    return true;
  }
}

/** The trivial mutation's schema, built as a subgraph like the service's. */
export async function buildTrivialSchema(): Promise<GraphQLSchema> {
  const typeGraphQLSchema = await buildSchema({ resolvers: [TrivialResolver] });
  return buildSubgraphSchema({
    typeDefs: gql(printSchemaWithDirectives(typeGraphQLSchema)),
    resolvers: createResolversMap(typeGraphQLSchema) as GraphQLResolverMap<unknown>,
  });
}
