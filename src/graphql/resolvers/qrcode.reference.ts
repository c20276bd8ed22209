import { type GraphQLFieldResolver } from "graphql";

import { type StatusView } from "../../qrcode/status.service";
import { type GraphQLContext } from "../context";

/** Federation: `QRCode @key(fields: "qrcodeId")` resolved for a gateway, paced like a poll
 * unless the gateway itself asks. */
export function resolveQRCodeReference(
  reference: { qrcodeId: string },
  ctx: GraphQLContext,
): Promise<StatusView> {
  return ctx.services.statuses.lookup(ctx.caller(), reference.qrcodeId, {
    paced: !ctx.fromGateway,
  });
}

/** The reference resolvers of this subgraph's entities, for `buildSubgraphSchema`. Apollo calls
 * `__resolveReference(reference, context)`, though its map types every entry as a field
 * resolver `(root, args, context)`. */
export const QRCODE_REFERENCE = {
  QRCode: {
    __resolveReference: resolveQRCodeReference as unknown as GraphQLFieldResolver<
      unknown,
      GraphQLContext
    >,
  },
};
