import { Arg, Ctx, Mutation, Resolver } from "type-graphql";

import { QRCodeService } from "../../qrcode/qrcode.service";
import { type GraphQLContext } from "../context";
import { GeneQRCodeData } from "../types/gene-qrcode-data.type";
import { GenerateQRCodeInput } from "../types/generate-qrcode.input";

@Resolver()
export class GenerateQRCodeResolver {
  constructor(private readonly qrcodes: QRCodeService) {}

  @Mutation(() => GeneQRCodeData, {
    description: "The login page: create a login code and get its image URL.",
  })
  generateQRCode(
    @Arg("input", () => GenerateQRCodeInput) input: GenerateQRCodeInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<GeneQRCodeData> {
    return this.qrcodes.generate(ctx.caller(), input);
  }
}
