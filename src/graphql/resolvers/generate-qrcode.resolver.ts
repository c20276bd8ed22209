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
    // The domain checks every rule of this input; class-validator here cost a quarter of the
    // mutation's throughput (npm run bench), on the busiest call of a login page.
    @Arg("input", () => GenerateQRCodeInput, { validate: false }) input: GenerateQRCodeInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<GeneQRCodeData> {
    return this.qrcodes.generate(ctx.caller(), input);
  }
}
