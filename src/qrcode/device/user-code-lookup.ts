import { AppError } from "../../errors/app-error";
import { addressKey } from "../address-key";
import { type RateLimiter } from "../ports/rate-limiter.port";
import { type SharedCache } from "../ports/shared-cache.port";
import { userCodeKey } from "./device-grant";
import { normalizedUserCode } from "./user-code";

/**
 * RFC 8628 §5.1: a user code is short enough to type, so it must not be guessable. Wrong codes
 * are counted per client address and per application, and past either bound every typed code
 * of that address or application waits. With 20^8 ≈ 2.6 × 10^10 codes and, say, 10,000 live at
 * once, 1000 guesses a minute find one about once in 5 years; a single address gets 10.
 */
export const WRONG_USER_CODES = { perAddress: 10, perApplication: 1000, windowSeconds: 60 };

/** Where a typed user code leads: the scan token of a live code of the application. */
export class UserCodeLookup {
  constructor(
    private readonly cache: SharedCache,
    private readonly limiter: RateLimiter,
  ) {}

  async scanTokenOf(typed: string, appId: string, clientIp: string | undefined): Promise<string> {
    const { perAddress, perApplication, windowSeconds } = WRONG_USER_CODES;
    const bounds: [string, number][] = [
      [`user-code-miss:address:${addressKey(clientIp)}`, perAddress],
      [`user-code-miss:app:${appId}`, perApplication],
    ];
    const waits = await Promise.all(
      bounds.map(([key, points]) => this.limiter.blockedFor(key, points, windowSeconds)),
    );
    refuseWhileWaiting(Math.max(...waits));
    const code = normalizedUserCode(typed);
    const held = code === null ? null : await this.cache.get(userCodeKey(code));
    const [owner, scanToken] = held?.split(" ") ?? [];
    if (owner === appId && scanToken) {
      return scanToken;
    }
    await Promise.all(
      bounds.map(([key, points]) => this.limiter.consume(key, points, windowSeconds)),
    );
    throw new AppError(
      "USER_CODE_NOT_FOUND",
      "no live code of this application has this user code",
      {
        field: "userCode",
      },
    );
  }
}

function refuseWhileWaiting(retryAfterMs: number): void {
  if (retryAfterMs > 0) {
    throw new AppError(
      "USER_CODE_RATE_LIMITED",
      `too many wrong user codes; retry in ${retryAfterMs} ms`,
      { field: "userCode", retryAfterMs },
    );
  }
}
