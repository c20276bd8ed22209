import { GraphQLJSONObject } from "graphql-scalars";
import { Field, InputType } from "type-graphql";

import { type JsonObject, type QRCodeType } from "../../qrcode/qrcode.types";
import { QRCodeTypeEnum } from "./qrcode-type.enum";

@InputType({
  description: "What the login page asks for. Which optional fields apply depends on `type`.",
})
export class GenerateQRCodeInput {
  @Field(() => QRCodeTypeEnum)
  type!: QRCodeType;

  @Field(() => String, {
    nullable: true,
    description:
      "The identity-source connection to use; defaults to the first enabled one of the type.",
  })
  extIdpConnId?: string | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description:
      "MOBILE_APP only: saved into the user's custom data when the user authorizes (≤ 4 KiB, ≤ 5 levels).",
  })
  customData?: JsonObject | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: "WeChat types only: handed to the login hook of this login (≤ 4 KiB, ≤ 5 levels).",
  })
  context?: JsonObject | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description:
      "WECHAT_MINIPROGRAM only: merge the connection's logo into the image on the server.",
  })
  autoMergeQrCode?: boolean | null;
}
