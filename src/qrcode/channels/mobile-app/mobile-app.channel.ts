import { assertThat } from "../../../errors/app-error";
import { type ScannerAuthenticator } from "../../ports/scanner-auth.port";
import { isOtherSourcesUserId } from "../../user-namespaces";
import { type QRChannel } from "../qr-channel";

/**
 * MOBILE_APP: the company's own app, where the person is already signed in. The code is drawn
 * here from the scan link; the scanner proves who it is with the app user's bearer token
 * (checked against the application's `appTokens`), whose subject is the user's id.
 */
export function mobileAppChannel(authenticator: ScannerAuthenticator): QRChannel {
  return {
    type: "MOBILE_APP",
    fields: { customData: true, context: false, autoMergeQrCode: false },
    imageRoomBytes: 0,
    needsConnection: false,
    makeImage: async ({ scanUrl }) => ({ kind: "rendered", content: scanUrl }),
    proofFields: [],
    proofHint: "the company's app proves the person with its bearer token",
    identifyScanner: (app, _connection, proof) => {
      return authenticator.authenticate(app, proof.bearerToken).then((scanner) => {
        assertThat(
          !isOtherSourcesUserId(scanner.userId),
          "APP_TOKEN_INVALID",
          "the app token is not valid: its sub claim takes a prefix reserved for WeChat users",
          { field: "authorization" },
        );
        return scanner;
      });
    },
  };
}
