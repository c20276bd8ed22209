import { type FastifyInstance } from "fastify";

import { type QRCodeService } from "../qrcode/qrcode.service";

/**
 * `GET /scan/{scanToken}`: where a phone's plain camera lands. The company's app claims this URL
 * as a universal link and never reaches it; a person without the app learns what to do.
 */
export function registerScanPageRoute(
  app: FastifyInstance,
  qrcodes: QRCodeService,
  { demoAppLink }: { demoAppLink: boolean },
): void {
  app.get<{ Params: { scanToken: string } }>("/scan/:scanToken", async (request, reply) => {
    const landing = await qrcodes.describeScanLanding(request.params.scanToken);
    const message = !landing
      ? "This login code does not exist or has expired. Refresh the login page for a new one."
      : landing.live
        ? `To log in to ${landing.applicationName}, scan this code with the ${landing.applicationName} app.`
        : "This login code has expired or was already used. Refresh the login page for a new one.";
    return (
      reply
        .code(landing ? 200 : 404)
        .header("cache-control", "no-store")
        // Never framed: a page that frames the scan page could dress it up (clickjacking).
        .header(
          "content-security-policy",
          "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
        )
        .header("x-frame-options", "DENY")
        .header("referrer-policy", "no-referrer")
        .type("text/html; charset=utf-8")
        .send(page(message, demoAppLink && landing?.live ? request.params.scanToken : undefined))
    );
  });
}

/** In demo mode, a live code's page links to the simulated company app (`/demo/app`). */
function page(message: string, demoScanToken?: string): string {
  const demo = demoScanToken
    ? `<p>No app? <a href="/demo/app?scanToken=${encodeURIComponent(demoScanToken)}">Open the demo app</a>.</p>`
    : "";
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Scan to log in</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5}</style></head><body><h1>Scan to log in</h1><p>${escapeHtml(message)}</p>${demo}</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
