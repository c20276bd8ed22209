import { Field, Int, ObjectType } from "type-graphql";

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

  @Field(() => String, {
    nullable: true,
    description: 'The login page\'s browser as a person reads it, e.g. "Chrome 131".',
  })
  requestBrowser!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The login page\'s system as a person reads it, e.g. "macOS 14.5".',
  })
  requestOs!: string | null;

  @Field(() => String, { nullable: true, description: "The login page's IP address." })
  requestIp!: string | null;

  @Field(() => Date, { description: "When the login page asked for the code." })
  requestedAt!: Date;

  @Field(() => Int, {
    description: "How long ago the code was made, in seconds, by the service's clock.",
  })
  codeAgeSeconds!: number;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Whether the phone and the login page share a network (same IPv4 /24 or IPv6 /48); null when that cannot be told. Warn when false: the login was started elsewhere.",
  })
  sameNetwork!: boolean | null;

  @Field(() => Date)
  expiresAt!: Date;
}
