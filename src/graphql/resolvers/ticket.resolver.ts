import { Arg, Ctx, Mutation, Resolver } from "type-graphql";

import { type LoginResult, TicketService } from "../../qrcode/ticket.service";
import { type GraphQLContext } from "../context";
import { QRCodeLoginResult } from "../types/qrcode-login-result.type";

@Resolver()
export class TicketResolver {
  constructor(private readonly tickets: TicketService) {}

  @Mutation(() => QRCodeLoginResult, {
    description:
      "The login page (or its back end): exchange the AUTHORIZED code's ticket for tokens, once.",
  })
  exchangeQRCodeTicket(
    @Arg("ticket", () => String) ticket: string,
    @Arg("clientSecret", () => String, {
      nullable: true,
      description: "Confidential applications: the client secret, unless sent as HTTP Basic.",
    })
    clientSecret: string | null | undefined,
    @Ctx() ctx: GraphQLContext,
  ): Promise<LoginResult> {
    const { basic } = ctx.credentials;
    return this.tickets.exchange(
      ctx.caller(),
      ticket,
      clientSecret
        ? { clientSecret }
        : { clientId: basic?.clientId, clientSecret: basic?.clientSecret },
    );
  }
}
