import { AppError } from "../../../errors/app-error";
import { type WeChatOfficialAccount } from "../../ports/wechat-official-account.port";
import { connectionOf } from "../connection-of";
import { type QRChannel } from "../qr-channel";
import { WECHAT_USER_NAME } from "../wechat-user";
import { officialAccountSettingsOf } from "./official-account-settings";

/**
 * WECHAT_OFFICIAL_ACCOUNT: the company's official account. The code is a temporary parametric
 * QR code whose scene is the scan token, drawn here from the URL WeChat gives; scanning it
 * follows the account, and WeChat pushes a signed event to our callback, which proves who the
 * person is (`OfficialAccountEvents`). There is no scanner call.
 */
export function officialAccountChannel(wechat: WeChatOfficialAccount): QRChannel {
  return {
    type: "WECHAT_OFFICIAL_ACCOUNT",
    fields: { customData: false, context: true, autoMergeQrCode: false },
    imageRoomBytes: 0,
    needsConnection: true,
    proofFields: [],
    anonymousName: WECHAT_USER_NAME,
    async makeImage({ app, connection, scanToken }) {
      const code = await wechat.createLoginQrCode(
        officialAccountSettingsOf(connectionOf(connection)).wechat,
        scanToken,
        app.qrCodeLifetimeSeconds,
      );
      return { kind: "rendered", content: code.url };
    },
    identifyScanner: async () => {
      throw new AppError(
        "WECHAT_EVENT_ONLY",
        "official account codes are scanned in WeChat, which tells this service by its event push",
        { field: "scanToken" },
      );
    },
  };
}
