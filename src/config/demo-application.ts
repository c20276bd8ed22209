import {
  type Application,
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_QR_CODE_LIFETIME_SECONDS,
  DEFAULT_SCAN_URL_TEMPLATE,
  DEFAULT_TICKET_LIFETIME_SECONDS,
  DEFAULT_TOKEN_LIFETIME_SECONDS,
} from "../qrcode/application";

/**
 * The demo's app-token settings are public on purpose, so a newcomer can play the mobile app
 * from a shell (`npm run demo:token -- --sub alice`). They exist only in the demo: a configured
 * application names its own secret through the environment.
 */
export const DEMO_APP_TOKENS = {
  issuer: "demo-mobile-app",
  audience: "demo",
  secret: "demo-app-token-secret-for-local-use-only",
} as const;

/** What `npm start` serves with no config file, so a newcomer can try the API at once. */
export const DEMO_APPLICATION: Application = {
  appId: "demo",
  name: "Demo Application",
  allowedOrigins: ["*"],
  qrCodeLifetimeSeconds: DEFAULT_QR_CODE_LIFETIME_SECONDS,
  scanUrlTemplate: DEFAULT_SCAN_URL_TEMPLATE,
  connections: [{ id: "demo-app", type: "MOBILE_APP", enabled: true, settings: {} }],
  appTokens: {
    issuer: DEMO_APP_TOKENS.issuer,
    audience: DEMO_APP_TOKENS.audience,
    key: { kind: "secret", secret: DEMO_APP_TOKENS.secret },
  },
  ticketLifetimeSeconds: DEFAULT_TICKET_LIFETIME_SECONDS,
  pollIntervalMs: DEFAULT_POLL_INTERVAL_MS,
  tokenLifetimeSeconds: DEFAULT_TOKEN_LIFETIME_SECONDS,
};
