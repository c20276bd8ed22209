import {
  Arg,
  Ctx,
  Query,
  Resolver,
  Root,
  type SubscribeResolverData,
  Subscription,
} from "type-graphql";

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
    subscribe: ({
      args,
      context,
    }: SubscribeResolverData<unknown, { qrcodeId: string }, GraphQLContext>) =>
      context.services.statuses.watch(context.caller(), args.qrcodeId),
  })
  qrCodeStatusChanged(
    @Root() view: StatusView,
    @Arg("qrcodeId", () => String) _qrcodeId: string,
  ): StatusView {
    return view;
  }
}
