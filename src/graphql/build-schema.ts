import { buildSubgraphSchema } from "@apollo/subgraph";
import { type GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { type GraphQLSchema } from "graphql";
import gql from "graphql-tag";
import { buildSchema, type ClassType, createResolversMap, type NonEmptyArray } from "type-graphql";

import { type QRCodeService } from "../qrcode/qrcode.service";
import { GenerateQRCodeResolver } from "./resolvers/generate-qrcode.resolver";

export interface SchemaServices {
  readonly qrcodes: QRCodeService;
}

const FEDERATION_LINK = `
  extend schema
    @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])
`;

/**
 * Builds the type-graphql schema, then rebuilds it as an Apollo Federation 2 subgraph
 * (`_service`, `_entities`). Resolver instances are constructed here with their services:
 * a tiny container, no global state.
 */
export async function buildFederatedSchema(services: SchemaServices): Promise<GraphQLSchema> {
  const instances = new Map<unknown, unknown>([
    [GenerateQRCodeResolver, new GenerateQRCodeResolver(services.qrcodes)],
  ]);
  const resolvers = [GenerateQRCodeResolver] as const satisfies NonEmptyArray<ClassType>;
  const schema = await buildSchema({
    resolvers: [...resolvers],
    container: { get: (someClass) => instances.get(someClass) },
    validate: { forbidUnknownValues: false },
    skipCheck: true,
  });
  return buildSubgraphSchema({
    typeDefs: gql`
      ${FEDERATION_LINK}
      ${printSchemaWithDirectives(schema)}
    `,
    // type-graphql's map and Apollo's are the same shape under different declared types.
    resolvers: createResolversMap(schema) as GraphQLResolverMap<unknown>,
  });
}
