import fastifyStatic from "@fastify/static";
import { type FastifyInstance } from "fastify";

/**
 * Serves a folder of built browser files (ETag, 304, ranges by @fastify/static). Revalidated
 * after a few minutes rather than immutable: the URLs carry no version, and a page must pick
 * up a fixed widget. The global CORS plugin answers other origins' module requests.
 */
export async function serveFolder(
  http: FastifyInstance,
  root: string,
  prefix: string,
): Promise<void> {
  await http.register(fastifyStatic, {
    root,
    prefix,
    decorateReply: false,
    cacheControl: false,
    // scripts/build-web.ts writes .br and .gz next to each script and style sheet.
    preCompressed: true,
    setHeaders: (response, path) => {
      void response.header("cache-control", "public, max-age=300, must-revalidate");
      if (path.endsWith(".d.ts")) {
        void response.header("content-type", "text/plain; charset=utf-8");
      }
    },
  });
}
