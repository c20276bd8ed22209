import { type ApiErrorName } from "@qr-login-gateway/scanner";

/** The demo app's words that its script writes, in the page's language (`<html lang>`). */
export interface AppTexts {
  readonly kind: { readonly app: string; readonly wechat: string };
  readonly unknown: string;
  readonly agentJoin: string;
  readonly ago: (seconds: number) => string;
  readonly scannedAs: (name: string) => string;
  readonly wechatLoggedIn: (name: string) => string;
  readonly approved: string;
  readonly refused: string;
  readonly noCode: string;
  readonly network: string;
  readonly failed: string;
  /** What to tell the person for each error a phone meets (docs/scanner-app.md's table). */
  readonly errors: Partial<Record<ApiErrorName, string | ((reason?: string) => string)>>;
}

const EN: AppTexts = {
  kind: { app: "the company's mobile app", wechat: "WeChat (the fake of npm run dev:wechat)" },
  unknown: "unknown",
  agentJoin: " on ",
  ago: (seconds) => `${seconds} s ago`,
  scannedAs: (name) => `Scanned as ${name}.`,
  wechatLoggedIn: (name) =>
    `WeChat told the service that ${name} scanned: you are logged in on the computer.`,
  approved: "Approved: you are logged in on the computer.",
  refused: "Refused.",
  noCode: "Open this page from a login code (its link carries the scan token).",
  network: "The service cannot be reached: check the connection and try again.",
  failed: "The login could not be completed.",
  errors: {
    QRCODE_NOT_FOUND: "This code is no longer valid: refresh the login page and scan again.",
    QRCODE_EXPIRED: "This code has expired: refresh the login page and scan again.",
    QRCODE_CANCELLED: "This login was cancelled.",
    QRCODE_ALREADY_AUTHORIZED: "You are already logged in on the computer.",
    QRCODE_SCANNED_BY_ANOTHER_USER: "Someone else scanned this code.",
    SCANNER_RATE_LIMITED: "Too many attempts: wait a moment.",
    LOGIN_DENIED: (reason) => `The application refused this login${reason ? `: ${reason}.` : "."}`,
    LOGIN_HOOK_FAILED: "The application cannot approve logins right now: try again later.",
    CROSS_NETWORK_REFUSED:
      "The application refused this login: it must be approved from the computer's network.",
    CODE_TOO_OLD: "The application refused this login: the code is too old. Refresh and rescan.",
    APP_TOKEN_EXPIRED: "You were signed out of the app: sign in again.",
    APP_TOKEN_INVALID: "You were signed out of the app: sign in again.",
    WECHAT_EVENT_ONLY: "Scan this code in WeChat.",
  },
};

const ZH_CN: AppTexts = {
  kind: { app: "公司的手机 App", wechat: "微信（npm run dev:wechat 的模拟微信）" },
  unknown: "未知",
  agentJoin: "，",
  ago: (seconds) => `${seconds} 秒前`,
  scannedAs: (name) => `已以 ${name} 的身份扫码。`,
  wechatLoggedIn: (name) => `微信已通知服务 ${name} 扫了码：电脑上已登录。`,
  approved: "已确认：电脑上已登录。",
  refused: "已拒绝。",
  noCode: "请从登录二维码打开此页（其链接带有扫码令牌）。",
  network: "无法连接服务，请检查网络后重试。",
  failed: "无法完成登录。",
  errors: {
    QRCODE_NOT_FOUND: "二维码已失效，请刷新登录页后重新扫码。",
    QRCODE_EXPIRED: "二维码已过期，请刷新登录页后重新扫码。",
    QRCODE_CANCELLED: "此登录已被取消。",
    QRCODE_ALREADY_AUTHORIZED: "您已在电脑上登录。",
    QRCODE_SCANNED_BY_ANOTHER_USER: "此二维码已被其他人扫描。",
    SCANNER_RATE_LIMITED: "操作太频繁，请稍后再试。",
    LOGIN_DENIED: (reason) => `应用拒绝了此次登录${reason ? `：${reason}。` : "。"}`,
    LOGIN_HOOK_FAILED: "应用暂时无法确认登录，请稍后再试。",
    CROSS_NETWORK_REFUSED: "应用拒绝了此次登录：须在电脑所在的网络中确认。",
    CODE_TOO_OLD: "应用拒绝了此次登录：二维码太旧，请刷新后重新扫码。",
    APP_TOKEN_EXPIRED: "App 登录已失效，请重新登录。",
    APP_TOKEN_INVALID: "App 登录已失效，请重新登录。",
    WECHAT_EVENT_ONLY: "请用微信扫描此二维码。",
  },
};

export function appTexts(lang: string): AppTexts {
  return lang === "zh-CN" ? ZH_CN : EN;
}
