import { Arg, Ctx, Query, Resolver, Root, Subscription } from "type-graphql";

import { StatusService, type StatusView } from "../../qrcode/status.service";
import { type GraphQLContext } from "../context";
import { QRCodeStatusResult } from "../types/qrcode-status-result.type";

/** The login page following its code, by `qrcodeId` only. */
@Resolver()
export class StatusResolver {
  constructor(private readonly statuses: StatusService) {}

  @Query(() => QRCodeStatusResult, {
    description: "The login page: poll the code's status (at most every `pollIntervalMs`).",
  })
  qrCodeStatus(
    @Arg("qrcodeId", () => String) qrcodeId: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<StatusView> {
    return this.statuses.poll(ctx.caller(), qrcodeId);
  }

  @Subscription(() => QRCodeStatusResult, {
    description:
      "The login page: the current status, then each change; completes after a final status.",
    // Replaced in buildFederatedSchema by `watch` below, which needs this instance's service;
    // type-graphql's decorator option cannot reach it.
    subscribe: () => {
      throw new Error("qrCodeStatusChanged is wired in buildFederatedSchema");
    },
  })
  qrCodeStatusChanged(
    @Root() view: StatusView,
    @Arg("qrcodeId", () => String) _qrcodeId: string,
  ): StatusView {
    return view;
  }

  watch(qrcodeId: string, ctx: GraphQLContext): Promise<AsyncIterableIterator<StatusView>> {
    return this.statuses.watch(ctx.caller(), qrcodeId);
  }

  /** Federation: `QRCode @key(fields: "qrcodeId")` resolved for a gateway. */
  resolveReference(reference: { qrcodeId: string }, ctx: GraphQLContext): Promise<StatusView> {
    return this.statuses.lookup(ctx.caller(), reference.qrcodeId, { paced: !ctx.fromGateway });
  }
}
