import { Field, ObjectType } from "type-graphql";

@ObjectType({ description: "A new login code: follow it by `qrcodeId`, show the image at `url`." })
export class GeneQRCodeData {
  @Field(() => String, {
    description: "The login page's private handle for status and subscription.",
  })
  qrcodeId!: string;

  @Field(() => String, {
    description: "Where the PNG image is served until the code expires (`.svg` also).",
  })
  url!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "A logo for the client to draw over the code's centre, when the server did not merge it.",
  })
  customLogoUrl!: string | null;

  @Field(() => Date, { description: "When the code stops being scannable." })
  expiresAt!: Date;
}
