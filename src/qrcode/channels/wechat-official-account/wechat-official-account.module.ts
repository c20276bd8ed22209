import { type ChannelModule } from "../channel-module";
import {
  type OfficialAccountSettings,
  officialAccountSettingsSchema,
} from "./official-account-settings";
import { officialAccountChannel } from "./wechat-official-account.channel";

/** WECHAT_OFFICIAL_ACCOUNT: a parametric QR code of the company's official account; the login
 * arrives as WeChat's event push (`official-account-events.ts`). */
export const officialAccountModule: ChannelModule<OfficialAccountSettings> = {
  type: "WECHAT_OFFICIAL_ACCOUNT",
  description: "A WeChat official account (a temporary parametric QR code).",
  texts: {
    en: {
      prompt: "Scan this code with WeChat to log in.",
      imageLabel: "WeChat login QR code: scan it with WeChat to log in",
    },
    "zh-CN": {
      prompt: "请使用微信扫描二维码登录",
      imageLabel: "微信登录二维码：请使用微信扫码登录",
    },
  },
  settingsSchema: officialAccountSettingsSchema,
  globallyUniqueIdBecause: "it names the callback URL /wechat/{id}/callback",
  create: (kit) => officialAccountChannel(kit.officialAccount),
};
