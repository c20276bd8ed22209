import { z } from "zod";

import { type ChannelModule } from "../channel-module";
import { mobileAppChannel } from "./mobile-app.channel";

/** MOBILE_APP: scanned by the company's own app; its connections need nothing more. */
export const mobileAppModule: ChannelModule<Record<string, never>> = {
  type: "MOBILE_APP",
  description: "The company's own mobile app, where the person is signed in.",
  texts: {
    en: {
      prompt: "Scan this code with the app on your phone to log in.",
      imageLabel: "Login QR code: scan it with the app on your phone",
    },
    "zh-CN": {
      prompt: "请使用手机 App 扫描二维码登录",
      imageLabel: "登录二维码：请使用手机 App 扫描",
    },
  },
  settingsSchema: () => z.strictObject({}),
  checkApplication: (app) =>
    app.appTokens
      ? undefined
      : {
          path: "appTokens",
          message:
            "required when a MOBILE_APP connection is enabled (how scanners prove who they are)",
        },
  create: (kit) => mobileAppChannel(kit.appTokens),
};
