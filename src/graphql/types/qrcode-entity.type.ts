import { Directive, Field, ObjectType } from "type-graphql";

import { type QRCodeStatus } from "../../qrcode/qrcode.types";
import { QRCodeStatusEnum } from "./qrcode-status.enum";

@Directive(`@key(fields: "qrcodeId")`)
@ObjectType("QRCode", {
  description: "A login code as a federated entity, resolvable by its `qrcodeId`.",
})
export class QRCodeEntity {
  @Field(() => String)
  qrcodeId!: string;

  @Field(() => QRCodeStatusEnum)
  status!: QRCodeStatus;

  @Field(() => Date)
  expiresAt!: Date;
}
