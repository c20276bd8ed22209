import { type ErrorName } from "../errors/error-table";
import { type Application } from "./application";
import { type QRCodeSession } from "./qrcode.types";
import { sameNetwork } from "./same-network";

/** Why an approval breaks the application's cross-device rules (RFC 10027), or nothing. */
export interface CrossDeviceBreach {
  readonly error: ErrorName;
  /** What the login page is told (the code's cancel reason). */
  readonly reason: string;
}

export function crossDeviceBreach(
  app: Application,
  session: QRCodeSession,
  phoneIp: string | undefined,
  now: number,
): CrossDeviceBreach | undefined {
  const policy = app.crossDevice;
  if (!policy) {
    return undefined;
  }
  // Unknown (null) is not refused: an address hidden behind a proxy tells nothing either way.
  if (policy.requireSameNetwork && sameNetwork(session.request.ip, phoneIp) === false) {
    return {
      error: "CROSS_NETWORK_REFUSED",
      reason: "the login was approved from another network than the one it was started on",
    };
  }
  const maxAgeMs = (policy.maxCodeAgeSeconds ?? Infinity) * 1000;
  if (now - session.createdAt > maxAgeMs) {
    return {
      error: "CODE_TOO_OLD",
      reason: `the code was older than ${policy.maxCodeAgeSeconds} s when it was approved`,
    };
  }
  return undefined;
}
