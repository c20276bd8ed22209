import { type LogoMerger } from "../../ports/logo-merger.port";
import { type WeChatMiniProgram } from "../../ports/wechat-mini-program.port";
import { connectionOf } from "../connection-of";
import { type QRChannel } from "../qr-channel";
import { WECHAT_USER_NAME, wechatAccount, wechatUserId } from "../wechat-user";
import { miniProgramSettingsOf } from "./mini-program-settings";
import { assertMiniProgramProof, PROFILE_FIELDS } from "./scanner-profile";

/**
 * WECHAT_MINIPROGRAM: the company's mini program, opened by WeChat on a mini program code whose
 * `scene` is the scan token. The code is WeChat's own image (made at generation, kept for the
 * code's lifetime, optionally with the connection's logo merged in); the scanner proves who it
 * is with a fresh `wx.login` code, which WeChat turns into the person's openid (and unionid).
 */
/** A mini program code is a PNG of 280–1280 px, tens of KB; the hold is only an early "no":
 * the image's real size is counted when it is stored. */
const MINI_PROGRAM_CODE_ROOM_BYTES = 128 * 1024;

export function miniProgramChannel(wechat: WeChatMiniProgram, logos: LogoMerger): QRChannel {
  return {
    type: "WECHAT_MINIPROGRAM",
    fields: { customData: false, context: true, autoMergeQrCode: true },
    imageRoomBytes: MINI_PROGRAM_CODE_ROOM_BYTES,
    needsConnection: true,
    proofFields: PROFILE_FIELDS,
    anonymousName: WECHAT_USER_NAME,
    async makeImage({ connection, scanToken, autoMergeQrCode }) {
      const settings = miniProgramSettingsOf(connectionOf(connection));
      const code = await wechat.unlimitedCode(settings.wechat, {
        scene: scanToken,
        ...settings.miniProgram,
      });
      const logoUrl = connection?.logoUrl;
      const blob = autoMergeQrCode && logoUrl ? await logos.merge(code, logoUrl) : code;
      return { kind: "stored", blob };
    },
    async identifyScanner(_app, connection, proof) {
      const { wxCode, displayName, photo } = assertMiniProgramProof(proof);
      const { wechat: app } = miniProgramSettingsOf(connectionOf(connection));
      const identity = await wechat.codeToSession(app, wxCode);
      return {
        userId: wechatUserId(identity),
        displayName,
        photo,
        linked: wechatAccount(identity),
      };
    },
  };
}
