import { buildSubgraphSchema } from "@apollo/subgraph";
import { type GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { type DocumentNode, type GraphQLSchema, parse } from "graphql";
import {
  buildSchema,
  type ClassType,
  createResolversMap,
  type NonEmptyArray,
  type PubSub,
} from "type-graphql";

import { assertThat } from "../errors/app-error";
import { type GraphQLContext, type SchemaServices } from "./context";
import { type ResolverMap, usePlainObjectFields, usePlainRootResolvers } from "./plain-resolvers";
import { GenerateQRCodeResolver } from "./resolvers/generate-qrcode.resolver";
import { QRCODE_REFERENCE } from "./resolvers/qrcode.reference";
import { ScannerResolver } from "./resolvers/scanner.resolver";
import { StatusResolver } from "./resolvers/status.resolver";
import { TicketResolver } from "./resolvers/ticket.resolver";
import { QRCodeEntity } from "./types/qrcode-entity.type";

const UNUSED_PUBSUB: PubSub = {
  publish: () => {
    throw new Error("status events are published by the session store");
  },
  subscribe: () => {
    throw new Error("status events are subscribed to through the session store");
  },
};

export { type SchemaServices } from "./context";

const FEDERATION_LINK = `
  extend schema
    @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])
`;

const RESOLVERS = [
  GenerateQRCodeResolver,
  ScannerResolver,
  StatusResolver,
  TicketResolver,
] as const satisfies NonEmptyArray<ClassType>;

/** The type-graphql schema; `instances` serve resolver classes at execution time only. */
function buildTypeGraphQLSchema(instances: ReadonlyMap<unknown, object>): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...RESOLVERS],
    orphanedTypes: [QRCodeEntity],
    // Status events come from the store port (across replicas), not from type-graphql's
    // topics; this only satisfies buildSchema's check that subscriptions have a PubSub.
    pubSub: UNUSED_PUBSUB,
    container: { get: (someClass) => instances.get(someClass) },
    validate: { forbidUnknownValues: false },
    skipCheck: true,
  });
}

function federatedTypeDefs(schema: GraphQLSchema): DocumentNode {
  return parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`);
}

/** The subgraph's type definitions alone, for printing its SDL: no services, no stores. */
export async function subgraphTypeDefs(): Promise<DocumentNode> {
  return federatedTypeDefs(await buildTypeGraphQLSchema(new Map()));
}

/**
 * Builds the type-graphql schema, then rebuilds it as an Apollo Federation 2 subgraph
 * (`_service`, `_entities`). Resolver instances are constructed here with their services:
 * a tiny container, no global state.
 */
export async function buildFederatedSchema(services: SchemaServices): Promise<GraphQLSchema> {
  const instances = new Map<unknown, object>([
    [GenerateQRCodeResolver, new GenerateQRCodeResolver(services.qrcodes)],
    [ScannerResolver, new ScannerResolver(services.scanner)],
    [StatusResolver, new StatusResolver(services.statuses)],
    [TicketResolver, new TicketResolver(services.tickets)],
  ]);
  const schema = await buildTypeGraphQLSchema(instances);

  // type-graphql's map and Apollo's are the same shape under different declared types.
  const resolverMap = createResolversMap(schema) as GraphQLResolverMap<GraphQLContext>;
  usePlainRootResolvers(resolverMap as ResolverMap, instances);
  usePlainObjectFields(resolverMap as ResolverMap, schema);
  Object.assign(resolverMap, QRCODE_REFERENCE);
  return capEntities(
    buildSubgraphSchema({
      typeDefs: federatedTypeDefs(schema),
      resolvers: resolverMap as GraphQLResolverMap<unknown>,
    }),
  );
}

/** A gateway asks for the entities one query plan needs; more than this is a scrape. */
export const MAX_ENTITIES_PER_REQUEST = 100;

function capEntities(schema: GraphQLSchema): GraphQLSchema {
  const field = schema.getQueryType()?.getFields()._entities;
  const resolve = field?.resolve;
  if (field && resolve) {
    field.resolve = (root, args: { representations: readonly unknown[] }, ctx, info) => {
      assertThat(
        args.representations.length <= MAX_ENTITIES_PER_REQUEST,
        "INVALID_INPUT",
        `_entities takes at most ${MAX_ENTITIES_PER_REQUEST} representations a request`,
        { field: "representations", limit: MAX_ENTITIES_PER_REQUEST },
      );
      // @apollo/subgraph throws a plain Error for these, which would read as an internal fault.
      assertThat(
        args.representations.every(
          (item) =>
            typeof item === "object" &&
            item !== null &&
            typeof (item as { __typename?: unknown }).__typename === "string",
        ),
        "INVALID_INPUT",
        "every representation must be an object with a __typename",
        { field: "representations" },
      );
      return resolve(root, args, ctx, info);
    };
  }
  return schema;
}
