import { CHANNEL_TEXTS } from "./channel-texts.generated";
import { type QrCodeType, type QrLoginLocale } from "./qr-login-types";

export interface Messages {
  readonly loading: string;
  readonly pending: Record<QrCodeType, string>;
  readonly scannedBy: (name: string) => string;
  readonly scanned: string;
  readonly authorized: string;
  readonly cancelled: string;
  readonly refusedByApplication: string;
  readonly expired: string;
  readonly error: string;
  readonly newCode: string;
  readonly retry: string;
  readonly imageAlt: Record<QrCodeType, string>;
}

/** Each channel's own text, by type (the channels own their texts). */
function textOf(locale: QrLoginLocale, text: "prompt" | "imageLabel"): Record<QrCodeType, string> {
  const byType = CHANNEL_TEXTS[locale];
  return Object.fromEntries(
    Object.entries(byType).map(([type, texts]) => [type, texts[text]]),
  ) as Record<QrCodeType, string>;
}

const EN: Messages = {
  loading: "Preparing a login code…",
  pending: textOf("en", "prompt"),
  scannedBy: (name) => `${name} scanned the code: confirm on your phone.`,
  scanned: "Scanned: confirm on your phone.",
  authorized: "Confirmed. Logging you in…",
  cancelled: "The login was refused on the phone.",
  refusedByApplication: "The application refused this login.",
  expired: "This code has expired.",
  error: "The login service cannot be reached.",
  newCode: "Get a new code",
  retry: "Try again",
  imageAlt: textOf("en", "imageLabel"),
};

const ZH_CN: Messages = {
  loading: "正在生成登录二维码…",
  pending: textOf("zh-CN", "prompt"),
  scannedBy: (name) => `${name} 已扫码，请在手机上确认`,
  scanned: "已扫码，请在手机上确认",
  authorized: "已确认，正在登录…",
  cancelled: "已在手机上取消登录",
  refusedByApplication: "应用拒绝了此次登录",
  expired: "二维码已过期",
  error: "无法连接登录服务",
  newCode: "获取新的二维码",
  retry: "重试",
  imageAlt: textOf("zh-CN", "imageLabel"),
};

/** The option wins; else the browser's first language that we speak; else English. */
export function pickLocale(
  option: QrLoginLocale | undefined,
  languages: readonly string[],
): QrLoginLocale {
  if (option) {
    return option;
  }
  for (const language of languages) {
    const lower = language.toLowerCase();
    if (lower.startsWith("zh")) {
      return "zh-CN";
    }
    if (lower.startsWith("en")) {
      return "en";
    }
  }
  return "en";
}

export function messagesFor(locale: QrLoginLocale): Messages {
  return locale === "zh-CN" ? ZH_CN : EN;
}
