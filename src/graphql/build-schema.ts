import { type GraphQLSchema } from "graphql";
import {
  type BuildSchemaOptions,
  type ClassType,
  type NonEmptyArray,
  type PubSub,
} from "type-graphql";

import { BUILT_IN_CHANNELS } from "../qrcode/channels/built-in-channels";
import { type ChannelModule } from "../qrcode/channels/channel-module";
import { type SchemaServices } from "./context";
import {
  buildFederatedSchema,
  buildFederatedTypeDefs,
  type ResolverMap,
} from "./federation/build-federated-schema";
import { capEntities } from "./federation/cap-entities";
import { guardServiceSdl } from "./federation/guard-service-sdl";
import { GenerateQRCodeResolver } from "./resolvers/generate-qrcode.resolver";
import { QRCODE_REFERENCE } from "./resolvers/qrcode.reference";
import { ScannerResolver } from "./resolvers/scanner.resolver";
import { StatusResolver } from "./resolvers/status.resolver";
import { TicketResolver } from "./resolvers/ticket.resolver";
import { QRCodeEntity } from "./types/qrcode-entity.type";
import { withChannelTypes } from "./types/qrcode-type.enum";

export { type SchemaServices } from "./context";

const UNUSED_PUBSUB: PubSub = {
  publish: () => {
    throw new Error("status events are published by the session store");
  },
  subscribe: () => {
    throw new Error("status events are subscribed to through the session store");
  },
};

const RESOLVERS = [
  GenerateQRCodeResolver,
  ScannerResolver,
  StatusResolver,
  TicketResolver,
] as const satisfies NonEmptyArray<ClassType>;

/** This subgraph's type-graphql options; `instances` serve resolver classes at execution. */
function schemaOptions(
  instances: ReadonlyMap<unknown, object>,
): Omit<BuildSchemaOptions, "skipCheck"> {
  return {
    resolvers: [...RESOLVERS],
    orphanedTypes: [QRCodeEntity],
    // Status events come from the store port (across replicas), not from type-graphql's
    // topics; this only satisfies buildSchema's check that subscriptions have a PubSub.
    pubSub: UNUSED_PUBSUB,
    container: { get: (someClass) => instances.get(someClass) },
    validate: { forbidUnknownValues: false },
  };
}

/** The subgraph's type definitions alone, for printing its SDL: no services, no stores. */
export function subgraphTypeDefs() {
  return buildFederatedTypeDefs(schemaOptions(new Map()));
}

/**
 * The QR login subgraph. Resolver instances are constructed here with their services: a tiny
 * container, no global state. With `introspection` off, `_service` answers the federation
 * gateway only.
 */
export async function buildQRCodeSchema(
  services: SchemaServices,
  {
    introspection = true,
    channels = BUILT_IN_CHANNELS,
  }: {
    introspection?: boolean;
    /** The QR code types this server runs: the `QRCodeType` enum lists exactly these. */
    channels?: readonly ChannelModule[];
  } = {},
): Promise<GraphQLSchema> {
  const instances = new Map<unknown, object>([
    [GenerateQRCodeResolver, new GenerateQRCodeResolver(services.qrcodes)],
    [ScannerResolver, new ScannerResolver(services.scanner)],
    [StatusResolver, new StatusResolver(services.statuses)],
    [TicketResolver, new TicketResolver(services.tickets)],
  ]);
  const schema = await buildFederatedSchema(schemaOptions(instances), {
    referenceResolvers: QRCODE_REFERENCE as unknown as ResolverMap,
    adjustTypes: (built) => withChannelTypes(built, channels),
  });
  const capped = capEntities(schema);
  return introspection ? capped : guardServiceSdl(capped);
}
