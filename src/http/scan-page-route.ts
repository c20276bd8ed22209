import { type FastifyInstance } from "fastify";

import { type AppLinks } from "../config/app-links-schema";
import { type QRCodeService } from "../qrcode/qrcode.service";
import { escapeHtml, languageOf, sendPhonePage } from "./phone-page";
import { SCAN_PAGE_TEXTS, type ScanPageTexts } from "./scan-page-texts";

/**
 * `GET /scan/{scanToken}`: where a phone's plain camera lands. The company's app claims this URL
 * as a universal link / app link and never reaches it; a person without the app learns which
 * app to open, where to get it, and what to do once the code has expired.
 */
export function registerScanPageRoute(
  app: FastifyInstance,
  qrcodes: QRCodeService,
  options: { readonly demoAppLink: boolean; readonly appLinks?: AppLinks },
): void {
  app.get<{ Params: { scanToken: string } }>("/scan/:scanToken", async (request, reply) => {
    const language = languageOf(request.headers["accept-language"]);
    const texts = SCAN_PAGE_TEXTS[language];
    const landing = await qrcodes.describeScanLanding(request.params.scanToken);
    const name = landing?.applicationName ?? "";
    const message = !landing
      ? texts.unknown
      : landing.live
        ? texts.live(name)
        : texts.finished(name);
    const links = landing?.live ? appLinksHtml(texts, options, request.params.scanToken) : "";
    return sendPhonePage(reply, {
      language,
      title: landing ? texts.title(name) : texts.unknownTitle,
      bodyHtml: `<p>${escapeHtml(message)}</p>${links}`,
      statusCode: landing ? 200 : 404,
      cacheControl: "no-store",
    });
  });
}

/** The store pages the config gives and, in demo mode, the simulated company app. */
function appLinksHtml(
  texts: ScanPageTexts,
  { demoAppLink, appLinks }: { readonly demoAppLink: boolean; readonly appLinks?: AppLinks },
  scanToken: string,
): string {
  const stores: [string, string][] = [];
  if (appLinks?.ios?.storeUrl) {
    stores.push([texts.appStore, appLinks.ios.storeUrl]);
  }
  const play = appLinks?.android?.find((androidApp) => androidApp.storeUrl)?.storeUrl;
  if (play) {
    stores.push([texts.googlePlay, play]);
  }
  if (demoAppLink) {
    stores.push([texts.demoApp, `/demo/app?scanToken=${encodeURIComponent(scanToken)}`]);
  }
  if (stores.length === 0) {
    return "";
  }
  const anchors = stores.map(
    ([label, href]) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`,
  );
  return `<p>${escapeHtml(texts.getTheApp)} ${anchors.join(" ")}</p>`;
}
