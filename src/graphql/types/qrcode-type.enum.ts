import { MapperKind, mapSchema } from "@graphql-tools/utils";
import { GraphQLEnumType, type GraphQLSchema } from "graphql";
import { registerEnumType } from "type-graphql";

import { BUILT_IN_CHANNELS } from "../../qrcode/channels/built-in-channels";
import { type ChannelModule } from "../../qrcode/channels/channel-module";
import { type QRCodeType } from "../../qrcode/qrcode.types";
import { enumOf } from "./enum-of";

const NAME = "QRCodeType";
const DESCRIPTION = "What the person scans the code with.";

/** The enum of the built-in channels, for type-graphql's decorators and the emitted SDL. */
export const QRCodeTypeEnum = enumOf<QRCodeType>(BUILT_IN_CHANNELS.map(({ type }) => type));

registerEnumType(QRCodeTypeEnum, {
  name: NAME,
  description: DESCRIPTION,
  valuesConfig: Object.fromEntries(
    BUILT_IN_CHANNELS.map(({ type, description }) => [type, { description }]),
  ),
});

/**
 * The schema with `QRCodeType` listing exactly the channels this server runs (a server given
 * another set of channels, as the fourth-channel test does, serves its own enum).
 */
export function withChannelTypes(
  schema: GraphQLSchema,
  channels: readonly ChannelModule[],
): GraphQLSchema {
  const same =
    channels.length === BUILT_IN_CHANNELS.length &&
    channels.every((channel, index) => channel.type === BUILT_IN_CHANNELS[index]?.type);
  if (same) {
    return schema;
  }
  const enumType = new GraphQLEnumType({
    name: NAME,
    description: DESCRIPTION,
    values: Object.fromEntries(
      channels.map(({ type, description }) => [type, { value: type, description }]),
    ),
  });
  return mapSchema(schema, {
    [MapperKind.ENUM_TYPE]: (type) => (type.name === NAME ? enumType : type),
  });
}
