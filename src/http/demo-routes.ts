import { join } from "node:path";

import { type FastifyInstance } from "fastify";

import { AppError } from "../errors/app-error";
import { languageOf, type PageLanguage } from "./phone-page";
import { serveFolder } from "./static-folder";
import { LOOPBACK_ORIGINS, pageSecurityHeaders, readPage } from "./web-assets";

export interface DemoOptions {
  readonly webDir: string;
  /** Hands out the demo application's app tokens; only with the demo application itself. */
  readonly mintDemoAppToken?: (name: string) => Promise<string>;
}

const MAX_NAME_CHARS = 40;

/**
 * The home page, the demo login page (`/demo/login`), the simulated company app (`/demo/app`)
 * and their assets, in English or Chinese by `Accept-Language`. Registered only in demo mode
 * (no `QR_CONFIG`, or `DEMO_PAGES=true`).
 */
export async function registerDemoRoutes(
  http: FastifyInstance,
  { webDir, mintDemoAppToken }: DemoOptions,
): Promise<void> {
  for (const [url, page] of [
    ["/", "home"],
    ["/demo/login", "login"],
    ["/demo/app", "app"],
  ] as const) {
    const html: Record<PageLanguage, string> = {
      en: readPage(webDir, page, "en"),
      "zh-CN": readPage(webDir, page, "zh-CN"),
    };
    const headers = pageSecurityHeaders(page === "app" ? LOOPBACK_ORIGINS : []);
    http.get(url, (request, reply) => {
      void reply
        .headers(headers)
        .header("vary", "accept-language")
        .type("text/html; charset=utf-8")
        .send(html[languageOf(request.headers["accept-language"])]);
    });
  }
  await serveFolder(http, join(webDir, "demo"), "/demo/assets/");
  if (mintDemoAppToken) {
    http.post<{ Body: unknown }>("/demo/app-token", async (request, reply) => {
      const token = await mintDemoAppToken(demoName(request.body));
      return reply.header("cache-control", "no-store").send({ token });
    });
  }
}

function demoName(body: unknown): string {
  const name =
    typeof body === "object" && body !== null ? (body as { name?: unknown }).name : undefined;
  if (typeof name !== "string" || name.trim() === "" || name.length > MAX_NAME_CHARS) {
    throw new AppError("INVALID_INPUT", `name: must be 1 to ${MAX_NAME_CHARS} characters`, {
      field: "name",
    });
  }
  return name.trim();
}
