import { registerEnumType } from "type-graphql";

import { QR_CODE_STATUSES, type QRCodeStatus } from "../../qrcode/qrcode.types";
import { enumOf } from "./enum-of";

export const QRCodeStatusEnum = enumOf<QRCodeStatus>(QR_CODE_STATUSES);

registerEnumType(QRCodeStatusEnum, {
  name: "QRCodeStatus",
  description: "Where a login code is: PENDING → SCANNED → AUTHORIZED, or CANCELLED, EXPIRED.",
  valuesConfig: {
    PENDING: { description: "Shown, not scanned yet." },
    SCANNED: { description: "Scanned; the scanner has not confirmed yet." },
    AUTHORIZED: { description: "Confirmed: the page exchanges the ticket for tokens." },
    CANCELLED: { description: "Refused by the scanner, or denied by the login hook." },
    EXPIRED: { description: "Not finished before `expiresAt`." },
  },
});
