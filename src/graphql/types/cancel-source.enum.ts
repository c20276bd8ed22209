import { registerEnumType } from "type-graphql";

import { CANCEL_SOURCES, type CancelSource } from "../../qrcode/qrcode.types";
import { enumOf } from "./enum-of";

export const CancelSourceEnum = enumOf<CancelSource>(CANCEL_SOURCES);

registerEnumType(CancelSourceEnum, {
  name: "QRCodeCancelSource",
  description: "Who ended a CANCELLED login: the person on the phone, or the application.",
  valuesConfig: {
    SCANNER: { description: "The person refused it on the phone." },
    APPLICATION: {
      description:
        "The application refused it: its login hook denied it or could not be asked, or its cross-device rules refused the phone.",
    },
  },
});
