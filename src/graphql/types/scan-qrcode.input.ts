import { Field, InputType } from "type-graphql";

@InputType({
  description:
    "The scanner's call: the scan token read from the code, or the user code a person typed.",
})
export class ScanQRCodeInput {
  @Field(() => String, {
    nullable: true,
    description: "The token in the scanned code's content (give this or userCode).",
  })
  scanToken?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The code a device shows (`XXXX-XXXX`, case and dash ignored), typed instead of scanning; the call names its application with x-app-id.",
  })
  userCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "WECHAT_MINIPROGRAM only: the `wx.login` code that proves the scanner.",
  })
  wxCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "WECHAT_MINIPROGRAM only: the name the mini program shows (WeChat no longer gives one).",
  })
  displayName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "WECHAT_MINIPROGRAM only: the photo URL the mini program shows.",
  })
  photo?: string | null;
}
