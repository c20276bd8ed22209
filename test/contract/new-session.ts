import { type QRCodeSession } from "../../src/qrcode/qrcode.types";
import { type ManualClock } from "../support/manual-clock";

let counter = 0;

/** A PENDING session with unique handles and every optional field a login can carry. */
export function newSession(
  clock: ManualClock,
  overrides: Partial<QRCodeSession> = {},
): QRCodeSession {
  counter += 1;
  return {
    qrcodeId: `id-${counter}-${Math.random().toString(36).slice(2)}`,
    scanToken: `scan-${counter}-${Math.random().toString(36).slice(2)}`,
    appId: "demo",
    type: "MOBILE_APP",
    status: "PENDING",
    content: "http://qr.test/scan/x",
    autoMergeQrCode: false,
    customData: { school: "hust", nested: { list: [1, "two", null, true] } },
    request: { origin: "https://login.test", userAgent: "jest", ip: "127.0.0.1" },
    createdAt: clock.now(),
    expiresAt: clock.now() + 120_000,
    ...overrides,
  };
}
