import { registerEnumType } from "type-graphql";

import { QR_CODE_TYPES, type QRCodeType } from "../../qrcode/qrcode.types";
import { enumOf } from "./enum-of";

export const QRCodeTypeEnum = enumOf<QRCodeType>(QR_CODE_TYPES);

registerEnumType(QRCodeTypeEnum, {
  name: "QRCodeType",
  description: "What the person scans the code with.",
  valuesConfig: {
    MOBILE_APP: { description: "The company's own mobile app, where the person is signed in." },
    WECHAT_MINIPROGRAM: { description: "A WeChat mini program (a WeChat mini program code)." },
    WECHAT_OFFICIAL_ACCOUNT: {
      description: "A WeChat official account (a temporary parametric QR code).",
    },
  },
});
