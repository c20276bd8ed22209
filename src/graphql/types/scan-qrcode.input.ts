import { Field, InputType } from "type-graphql";

@InputType({ description: "The scanner's call: the scan token read from the code." })
export class ScanQRCodeInput {
  @Field(() => String, { description: "The token in the scanned code's content." })
  scanToken!: string;

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
