import { type QRCodeSession } from "../../src/qrcode/qrcode.types";
import { newHandles } from "../support/handles";
import { type ManualClock } from "../support/manual-clock";

/** A PENDING session with unique handles (made as the service makes them: a shared store
 * finds a code by the tag they share) and every optional field a login can carry. */
export function newSession(
  clock: ManualClock,
  overrides: Partial<QRCodeSession> = {},
): QRCodeSession {
  return {
    ...newHandles(),
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
