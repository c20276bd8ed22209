import { Field, ObjectType } from "type-graphql";

import { type CancelSource, type QRCodeStatus } from "../../qrcode/qrcode.types";
import { CancelSourceEnum } from "./cancel-source.enum";
import { QRCodeStatusEnum } from "./qrcode-status.enum";

@ObjectType({ description: "The scanner's public profile, shown on the login page once scanned." })
export class BriefUserInfo {
  @Field(() => String, { nullable: true })
  displayName!: string | null;

  @Field(() => String, { nullable: true })
  photo!: string | null;
}

@ObjectType({ description: "What the login page sees of its code." })
export class QRCodeStatusResult {
  @Field(() => QRCodeStatusEnum)
  status!: QRCodeStatus;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => BriefUserInfo, { nullable: true, description: "Set once the code is scanned." })
  briefUserInfo!: BriefUserInfo | null;

  @Field(() => String, {
    nullable: true,
    description: "Set only when AUTHORIZED: exchange it once with `exchangeQRCodeTicket`.",
  })
  ticket!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Set when CANCELLED and there is a reason to show, e.g. the login hook's.",
  })
  cancelReason!: string | null;

  @Field(() => CancelSourceEnum, {
    nullable: true,
    description:
      "Set when CANCELLED: whether the person refused on the phone or the application refused, so the page can say which.",
  })
  cancelledBy!: CancelSource | null;
}
