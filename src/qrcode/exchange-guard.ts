import { AppError, isAppError } from "../errors/app-error";
import { type ErrorName } from "../errors/error-table";
import { type Caller } from "./caller";
import { type RateLimiter } from "./ports/rate-limiter.port";

/** Failed exchanges that may be someone guessing: a ticket or a client secret. */
const GUESSES: readonly ErrorName[] = ["TICKET_NOT_FOUND", "CLIENT_AUTH_FAILED"];

/**
 * Failed exchanges allowed per window. An honest page fails rarely (a ticket it already spent);
 * a guesser fails every time. Per application too, so a guesser spreading over many addresses
 * is throttled as a whole (at the price of blocking that application's exchanges meanwhile).
 */
export const EXCHANGE_FAILURE_LIMITS = {
  perAddress: 10,
  perApplication: 300,
  windowSeconds: 60,
} as const;

/** Throttles ticket exchanges from an address or for an application that keeps failing. */
export class ExchangeGuard {
  constructor(private readonly limiter: RateLimiter) {}

  async assertAllowed(caller: Caller): Promise<void> {
    const { windowSeconds } = EXCHANGE_FAILURE_LIMITS;
    const [byAddress, byApplication] = await Promise.all([
      this.limiter.blockedFor(
        addressKey(caller),
        EXCHANGE_FAILURE_LIMITS.perAddress,
        windowSeconds,
      ),
      this.limiter.blockedFor(
        appKey(caller),
        EXCHANGE_FAILURE_LIMITS.perApplication,
        windowSeconds,
      ),
    ]);
    const retryAfterMs = Math.max(byAddress, byApplication);
    if (retryAfterMs > 0) {
      throw new AppError(
        "EXCHANGE_RATE_LIMITED",
        `too many failed ticket exchanges; retry in ${retryAfterMs} ms`,
        { retryAfterMs },
      );
    }
  }

  /** Counts a failure that may be a guess; other failures are an honest page's. */
  async noteFailure(caller: Caller, error: unknown): Promise<void> {
    if (!isAppError(error) || !GUESSES.includes(error.errorName)) {
      return;
    }
    const { windowSeconds } = EXCHANGE_FAILURE_LIMITS;
    await Promise.all([
      this.limiter.consume(addressKey(caller), EXCHANGE_FAILURE_LIMITS.perAddress, windowSeconds),
      this.limiter.consume(appKey(caller), EXCHANGE_FAILURE_LIMITS.perApplication, windowSeconds),
    ]);
  }
}

function addressKey({ request }: Caller): string {
  return `exchange-failures:ip:${request.ip ?? "unknown"}`;
}

function appKey({ app }: Caller): string {
  return `exchange-failures:app:${app.appId}`;
}
