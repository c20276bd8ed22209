import { type FastifyInstance } from "fastify";

import { escapeHtml, languageOf, type PageLanguage, sendPhonePage } from "./phone-page";

/** The page's words in each language the pages speak. */
const TEXTS: Record<PageLanguage, { title: string; steps: readonly string[] }> = {
  en: {
    title: "Log in on another device",
    steps: [
      "The device you are logging in to shows a QR code and a code like WDJB-MJHT.",
      "Open the app of the service you are logging in to, and scan the QR code with it; or, in the app, choose to type a code and type the one the device shows.",
      "If the device asks for WeChat, scan its QR code with WeChat.",
      "Check what the app shows before you approve: the service, where the login was started and when. Approve only a login you started yourself.",
    ],
  },
  "zh-CN": {
    title: "在另一台设备上登录",
    steps: [
      "您要登录的设备上会显示一个二维码和一个类似 WDJB-MJHT 的代码。",
      "打开该服务的手机 App 扫描二维码；或在 App 中选择输入代码，输入设备上显示的代码。",
      "如果设备要求使用微信，请用微信扫描二维码。",
      "确认前请核对 App 显示的服务名称、登录发起的位置和时间。只确认您本人发起的登录。",
    ],
  },
};

/**
 * `GET /device` (RFC 8628's `verification_uri`): what a person with a phone does to approve a
 * login shown on a TV or a terminal. The approval itself happens in the company's app (scan
 * the QR, or type the user code), never on this page.
 */
export function registerDevicePageRoute(app: FastifyInstance): void {
  app.get("/device", (request, reply) => {
    const language = languageOf(request.headers["accept-language"]);
    const { title, steps } = TEXTS[language];
    const list = steps.map((step) => `<li>${escapeHtml(step)}</li>`).join("");
    void sendPhonePage(reply, {
      language,
      title,
      bodyHtml: `<ol>${list}</ol>`,
      cacheControl: "public, max-age=300",
    });
  });
}
