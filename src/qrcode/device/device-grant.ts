import { createHash } from "node:crypto";

/**
 * A device authorization (RFC 8628) riding on one QR login session: what the token endpoint
 * needs to answer a poll. Kept under a digest of the device code, so a store dump holds no
 * usable device code.
 */
export interface DeviceGrant {
  readonly qrcodeId: string;
  readonly appId: string;
  readonly scope: string;
  /** Seconds a client waits between polls; grows by 5 with each `slow_down` (§3.5). */
  readonly intervalSeconds: number;
  /** Epoch ms of the last poll (at first, of the authorization itself). */
  readonly lastPolledAt: number;
  /** The login's ticket, once a poll saw AUTHORIZED: a retried poll exchanges it again and
   * gets the same tokens (the ticket exchange's replay). */
  readonly ticket?: string;
  /** Epoch ms after which the record may go (the code's expiry, plus time to say so). */
  readonly keepUntil: number;
}

export function deviceGrantKey(deviceCode: string): string {
  return `device-grant:${createHash("sha256").update(deviceCode).digest("base64url")}`;
}

/** Where a typed user code leads: the code's scan token. */
export function userCodeKey(normalizedUserCode: string): string {
  return `user-code:${normalizedUserCode}`;
}

export function encodeGrant(grant: DeviceGrant): string {
  return JSON.stringify(grant);
}

export function decodeGrant(text: string): DeviceGrant {
  return JSON.parse(text) as DeviceGrant;
}
