import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Where `npm run build` put the browser code (scripts/build-web.ts): `dist/web` under the
 * package root, found from this file whether it runs compiled (dist/src/http) or from source.
 */
export function webAssetsDir(from: string = __dirname): string | undefined {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) {
      const web = join(dir, "dist", "web");
      return existsSync(join(web, "widget", "qr-login.js")) ? web : undefined;
    }
  }
  return undefined;
}

/** A built page, read once at start: pages are small and never change while serving. */
/** A page in a language: English at `pages/{name}.html`, others at `pages/{language}/{name}.html`. */
export function readPage(webDir: string, name: string, language = "en"): string {
  const folder = language === "en" ? "" : language;
  return readFileSync(join(webDir, "pages", folder, `${name}.html`), "utf8");
}

/** Headers of the service's own pages: same-origin scripts only, never framed. `connectTo`
 * adds origins the page may call (the demo app calls a fake WeChat on loopback). */
export function pageSecurityHeaders(connectTo: readonly string[] = []): Record<string, string> {
  return {
    "content-security-policy": [
      "default-src 'self'",
      ["connect-src 'self' ws: wss:", ...connectTo].join(" "),
      "img-src 'self' data: blob: http: https:",
      "style-src 'self' 'unsafe-inline'",
      "font-src 'self' data:",
      "frame-ancestors 'none'",
    ].join("; "),
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cache-control": "no-cache",
  };
}

/** The fake WeChat of `npm run dev:wechat` listens on loopback. */
export const LOOPBACK_ORIGINS = ["http://127.0.0.1:*", "http://localhost:*"] as const;
