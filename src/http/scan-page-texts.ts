import { type PageLanguage } from "./phone-page";

/** The scan landing's words: a person who scanned with the phone's camera, not the app. */
export interface ScanPageTexts {
  readonly title: (app: string) => string;
  readonly live: (app: string) => string;
  readonly finished: (app: string) => string;
  readonly unknown: string;
  /** The title when the code is unknown, so no application can be named. */
  readonly unknownTitle: string;
  readonly getTheApp: string;
  readonly appStore: string;
  readonly googlePlay: string;
  readonly demoApp: string;
}

export const SCAN_PAGE_TEXTS: Record<PageLanguage, ScanPageTexts> = {
  en: {
    title: (app) => `Log in with the ${app} app`,
    live: (app) =>
      `This is a login code for ${app}. Open this in the ${app} app: open the app, scan the code on the login page with it, and check what it shows before you approve.`,
    finished: (app) =>
      `This login code has expired or was already used. Refresh the login page for a new code, then scan it with the ${app} app.`,
    unknown: "This login code does not exist or has expired. Refresh the login page for a new one.",
    unknownTitle: "Scan to log in",
    getTheApp: "No app yet?",
    appStore: "App Store",
    googlePlay: "Google Play",
    demoApp: "Open the demo app",
  },
  "zh-CN": {
    title: (app) => `使用 ${app} App 登录`,
    live: (app) =>
      `这是 ${app} 的登录二维码。请在 ${app} App 中打开：打开 App，用它扫描登录页上的二维码，确认前请核对 App 显示的信息。`,
    finished: (app) =>
      `此登录二维码已过期或已被使用。请刷新登录页获取新的二维码，再用 ${app} App 扫描。`,
    unknown: "此登录二维码不存在或已过期。请刷新登录页获取新的二维码。",
    unknownTitle: "扫码登录",
    getTheApp: "还没有安装 App？",
    appStore: "App Store",
    googlePlay: "Google Play",
    demoApp: "打开演示 App",
  },
};
