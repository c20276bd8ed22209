import { assertThat } from "../errors/app-error";
import { addressKey } from "./address-key";
import { type RateLimiter } from "./ports/rate-limiter.port";

/** How many scanner calls (scan, confirm, cancel) a window allows, by address and by code. */
export interface ScannerLimit {
  /** One client (an IPv6 client is its /64): generous, since a carrier's NAT puts many phones
   * behind one IPv4 address. */
  readonly perAddress: number;
  /** One code: a person scans, confirms, perhaps retries; a few dozen is plenty. */
  readonly perCode: number;
  readonly windowSeconds: number;
}

/**
 * Paces scanner calls before a channel proves the scanner: the mini program's proof costs a
 * WeChat call (`jscode2session`) per made-up `wxCode`, and WeChat's own rate limit is shared
 * with every real login of the WeChat app.
 */
export class ScannerPace {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly limit: ScannerLimit,
  ) {}

  async assertWithin(scanToken: string, clientIp: string | undefined): Promise<void> {
    const { perAddress, perCode, windowSeconds } = this.limit;
    const [byAddress, byCode] = await Promise.all([
      this.limiter.consume(`scanner:ip:${addressKey(clientIp)}`, perAddress, windowSeconds),
      this.limiter.consume(`scanner:code:${scanToken}`, perCode, windowSeconds),
    ]);
    const retryAfterMs = Math.max(byAddress, byCode);
    assertThat(
      retryAfterMs === 0,
      "SCANNER_RATE_LIMITED",
      `too many scanner calls from this address or for this code; retry in ${retryAfterMs} ms`,
      { retryAfterMs },
    );
  }
}
