import { DEMO_APPLICATION } from "../../src/config/demo-application";
import { type Application } from "../../src/qrcode/application";

/** Acme's mobile app back end signs its users' tokens with this (tests only). */
export const ACME_APP_TOKEN_SECRET = "acme-app-token-secret-for-tests-0123456789";

/** An application with one connection of every kind, some disabled, for input-rule tests. */
export const ACME: Application = {
  appId: "acme",
  name: "Acme Corp",
  allowedOrigins: ["https://login.acme.test"],
  qrCodeLifetimeSeconds: 60,
  scanUrlTemplate: "https://acme.test/qr-login?t={scanToken}",
  connections: [
    {
      id: "acme-app",
      type: "MOBILE_APP",
      enabled: true,
      logoUrl: "https://acme.test/app.png",
      settings: {},
    },
    {
      id: "acme-mp",
      type: "WECHAT_MINIPROGRAM",
      enabled: true,
      logoUrl: "https://acme.test/mp.png",
      settings: {
        wechat: { appId: "wx-mp", appSecret: "mp-secret" },
        miniProgram: { envVersion: "release", width: 430, checkPath: true },
      },
    },
    {
      id: "acme-mp-off",
      type: "WECHAT_MINIPROGRAM",
      enabled: false,
      settings: {
        wechat: { appId: "wx-off", appSecret: "s" },
        miniProgram: { envVersion: "release", width: 430, checkPath: true },
      },
    },
  ],
  appTokens: {
    issuer: "acme-mobile",
    audience: "acme",
    key: { kind: "secret", secret: ACME_APP_TOKEN_SECRET },
  },
  ticketLifetimeSeconds: 60,
  pollIntervalMs: 500,
  tokenLifetimeSeconds: 3600,
};

/** An application like the demo's (its MOBILE_APP connection and app-token policy, so
 * `demoUserToken` scans for it), under another id, with the changes a test needs. */
export function demoLikeApplication(
  appId: string,
  changes: Partial<Application> = {},
): Application {
  return { ...DEMO_APPLICATION, appId, name: `App ${appId}`, ...changes };
}
