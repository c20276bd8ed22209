// Generated from src/qrcode/channels by `npm run schema:emit`: do not edit.

/** What the person scans the code with (the schema's QRCodeType). */
export type QrCodeType = "MOBILE_APP" | "WECHAT_MINIPROGRAM" | "WECHAT_OFFICIAL_ACCOUNT";

export interface ChannelTexts {
  readonly prompt: string;
  readonly imageLabel: string;
}

/** Each type's line under the code and its image's accessible name, by language. */
export const CHANNEL_TEXTS: Record<"en" | "zh-CN", Record<QrCodeType, ChannelTexts>> = {
  "en": {
    "MOBILE_APP": {
      "prompt": "Scan this code with the app on your phone to log in.",
      "imageLabel": "Login QR code: scan it with the app on your phone"
    },
    "WECHAT_MINIPROGRAM": {
      "prompt": "Scan this code with WeChat to log in.",
      "imageLabel": "WeChat mini program code: scan it with WeChat to log in"
    },
    "WECHAT_OFFICIAL_ACCOUNT": {
      "prompt": "Scan this code with WeChat to log in.",
      "imageLabel": "WeChat login QR code: scan it with WeChat to log in"
    }
  },
  "zh-CN": {
    "MOBILE_APP": {
      "prompt": "请使用手机 App 扫描二维码登录",
      "imageLabel": "登录二维码：请使用手机 App 扫描"
    },
    "WECHAT_MINIPROGRAM": {
      "prompt": "请使用微信扫描小程序码登录",
      "imageLabel": "微信小程序码：请使用微信扫码登录"
    },
    "WECHAT_OFFICIAL_ACCOUNT": {
      "prompt": "请使用微信扫描二维码登录",
      "imageLabel": "微信登录二维码：请使用微信扫码登录"
    }
  }
};
