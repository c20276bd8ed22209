import { registerEnumType } from "type-graphql";

import { QR_CODE_TYPES, type QRCodeType } from "../../qrcode/qrcode.types";

/** The domain's string union as the object type-graphql registers as a GraphQL enum. */
export const QRCodeTypeEnum = Object.fromEntries(QR_CODE_TYPES.map((type) => [type, type])) as {
  readonly [K in QRCodeType]: K;
};

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
