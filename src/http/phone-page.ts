import { type FastifyReply } from "fastify";

/** The languages every page a phone or a browser opens speaks. */
export type PageLanguage = "en" | "zh-CN";

/** Chinese for a browser whose first language we speak is Chinese; English otherwise. */
export function languageOf(acceptLanguage: string | undefined): PageLanguage {
  for (const part of (acceptLanguage ?? "").split(",")) {
    const tag = part.split(";")[0]?.trim().toLowerCase() ?? "";
    if (tag.startsWith("zh")) {
      return "zh-CN";
    }
    if (tag.startsWith("en")) {
      return "en";
    }
  }
  return "en";
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * Sends one of the small server-made pages (the scan landing, `/device`): no script, never
 * framed (a page that frames it could dress it up: clickjacking), varying by language.
 */
export function sendPhonePage(
  reply: FastifyReply,
  page: {
    readonly language: PageLanguage;
    readonly title: string;
    /** Trusted HTML: every value in it is escaped by the caller. */
    readonly bodyHtml: string;
    readonly statusCode?: number;
    readonly cacheControl: string;
  },
): FastifyReply {
  return reply
    .code(page.statusCode ?? 200)
    .header("cache-control", page.cacheControl)
    .header("vary", "accept-language")
    .header(
      "content-security-policy",
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    )
    .header("x-frame-options", "DENY")
    .header("referrer-policy", "no-referrer")
    .type("text/html; charset=utf-8")
    .send(
      `<!doctype html><html lang="${page.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(page.title)}</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5}a{margin-right:1rem}</style></head><body><h1>${escapeHtml(page.title)}</h1>${page.bodyHtml}</body></html>`,
    );
}
