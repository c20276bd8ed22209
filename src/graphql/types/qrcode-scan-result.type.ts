import { Field, ObjectType } from "type-graphql";

import { type QRCodeStatus } from "../../qrcode/qrcode.types";
import { QRCodeStatusEnum } from "./qrcode-status.enum";

@ObjectType({
  description:
    "What the scanner is approving: show it, so a person can refuse a login that is not theirs.",
})
export class QRCodeScanResult {
  @Field(() => QRCodeStatusEnum)
  status!: QRCodeStatus;

  @Field(() => String, { description: "The application the login page belongs to." })
  applicationName!: string;

  @Field(() => String, { nullable: true, description: "The login page's origin." })
  requestOrigin!: string | null;

  @Field(() => String, { nullable: true, description: "The login page's browser." })
  requestUserAgent!: string | null;

  @Field(() => String, { nullable: true, description: "The login page's IP address." })
  requestIp!: string | null;

  @Field(() => Date, { description: "When the login page asked for the code." })
  requestedAt!: Date;

  @Field(() => Date)
  expiresAt!: Date;
}
