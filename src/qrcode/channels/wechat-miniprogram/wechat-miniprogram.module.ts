import { type ChannelModule } from "../channel-module";
import { type MiniProgramSettings, miniProgramSettingsSchema } from "./mini-program-settings";
import { miniProgramChannel } from "./wechat-miniprogram.channel";

/** WECHAT_MINIPROGRAM: a WeChat mini program code, scanned into the company's mini program. */
export const miniProgramModule: ChannelModule<MiniProgramSettings> = {
  type: "WECHAT_MINIPROGRAM",
  description: "A WeChat mini program (a WeChat mini program code).",
  texts: {
    en: {
      prompt: "Scan this code with WeChat to log in.",
      imageLabel: "WeChat mini program code: scan it with WeChat to log in",
    },
    "zh-CN": {
      prompt: "请使用微信扫描小程序码登录",
      imageLabel: "微信小程序码：请使用微信扫码登录",
    },
  },
  settingsSchema: miniProgramSettingsSchema,
  create: (kit) => miniProgramChannel(kit.miniProgram, kit.logos),
};
