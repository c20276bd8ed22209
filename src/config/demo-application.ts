import {
  type Application,
  DEFAULT_QR_CODE_LIFETIME_SECONDS,
  DEFAULT_SCAN_URL_TEMPLATE,
} from "../qrcode/application";

/** What `npm start` serves with no config file, so a newcomer can try the API at once. */
export const DEMO_APPLICATION: Application = {
  appId: "demo",
  name: "Demo Application",
  allowedOrigins: ["*"],
  qrCodeLifetimeSeconds: DEFAULT_QR_CODE_LIFETIME_SECONDS,
  scanUrlTemplate: DEFAULT_SCAN_URL_TEMPLATE,
  connections: [{ id: "demo-app", type: "MOBILE_APP", enabled: true }],
};
