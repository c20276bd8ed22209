import { type FastifyInstance } from "fastify";

import { type AppLinks } from "../config/app-links-schema";

/**
 * The files that let the company's app claim the scan link, so that scanning a code with the
 * phone's camera opens the app on its approval screen instead of the browser: Apple's
 * apple-app-site-association (universal links) and Google's Digital Asset Links (app links).
 * Both are fetched by the phone's OS (or Apple's CDN) from the service's host, without
 * redirects, as `application/json`. Absent config, both stay 404.
 */
export function registerAppLinksRoutes(
  app: FastifyInstance,
  appLinks: AppLinks | undefined,
  publicUrl: string,
): void {
  const { ios, android } = appLinks ?? {};
  const scanPath = `${new URL(publicUrl).pathname.replace(/\/$/, "")}/scan/*`;
  if (ios) {
    const body = JSON.stringify({
      applinks: {
        details: [
          {
            appIDs: ios.appIds,
            components: [{ "/": scanPath, comment: "QR login scan links" }],
          },
        ],
      },
    });
    app.get("/.well-known/apple-app-site-association", (_request, reply) => {
      void reply
        .type("application/json")
        .header("cache-control", "public, max-age=3600")
        .send(body);
    });
  }
  if (android) {
    const body = JSON.stringify(
      android.map((androidApp) => ({
        relation: ["delegate_permission/common.handle_all_urls"],
        target: {
          namespace: "android_app",
          package_name: androidApp.packageName,
          sha256_cert_fingerprints: androidApp.sha256CertFingerprints,
        },
      })),
    );
    app.get("/.well-known/assetlinks.json", (_request, reply) => {
      void reply
        .type("application/json")
        .header("cache-control", "public, max-age=3600")
        .send(body);
    });
  }
}
