import { AppError, isAppError } from "../errors/app-error";
import { type ErrorName } from "../errors/error-table";
import { addressKey } from "./address-key";
import { type Caller } from "./caller";
import { type RateLimiter } from "./ports/rate-limiter.port";

/** Failed exchanges that may be someone guessing: a ticket or a client secret. */
const GUESSES: readonly ErrorName[] = ["TICKET_NOT_FOUND", "CLIENT_AUTH_FAILED"];

/**
 * Failed exchanges allowed per window. An honest page fails rarely (a ticket it already spent);
 * a guesser fails every time. Per address (an IPv6 client is its /64), and per application, so
 * a guesser spreading over many addresses is noticed as a whole.
 */
export const EXCHANGE_FAILURE_LIMITS = {
  perAddress: 10,
  perApplication: 300,
  windowSeconds: 60,
} as const;

/**
 * Throttles ticket exchanges that keep failing. A valid exchange is never refused for what
 * others did: the per-application count only turns failing exchanges into
 * EXCHANGE_RATE_LIMITED (a stranger's flood must not block an application's logins, and
 * guessing a 192-bit ticket or a 32-byte secret is hopeless anyway), and the per-address count
 * refuses only the address that failed.
 */
export class ExchangeGuard {
  constructor(private readonly limiter: RateLimiter) {}

  /** Before the store is read: an address that keeps failing is turned away cheaply. */
  async assertAddressAllowed(caller: Caller): Promise<void> {
    const { perAddress, windowSeconds } = EXCHANGE_FAILURE_LIMITS;
    refuseIfBlocked(await this.limiter.blockedFor(byAddress(caller), perAddress, windowSeconds));
  }

  /**
   * Counts a failure that may be a guess (others are an honest page's) and answers what the
   * caller is told: the failure itself, or EXCHANGE_RATE_LIMITED once the address or the
   * application is over its count.
   */
  async failure(caller: Caller, error: unknown): Promise<unknown> {
    if (!isAppError(error) || !GUESSES.includes(error.errorName)) {
      return error;
    }
    const { perAddress, perApplication, windowSeconds } = EXCHANGE_FAILURE_LIMITS;
    const waits = await Promise.all([
      this.limiter.consume(byAddress(caller), perAddress, windowSeconds),
      this.limiter.consume(byApplication(caller), perApplication, windowSeconds),
    ]);
    const retryAfterMs = Math.max(...waits);
    return retryAfterMs > 0 ? rateLimited(retryAfterMs) : error;
  }
}

function refuseIfBlocked(retryAfterMs: number): void {
  if (retryAfterMs > 0) {
    throw rateLimited(retryAfterMs);
  }
}

function rateLimited(retryAfterMs: number): AppError {
  return new AppError(
    "EXCHANGE_RATE_LIMITED",
    `too many failed ticket exchanges; retry in ${retryAfterMs} ms`,
    { retryAfterMs },
  );
}

function byAddress({ request }: Caller): string {
  return `exchange-failures:ip:${addressKey(request.ip)}`;
}

function byApplication({ app }: Caller): string {
  return `exchange-failures:app:${app.appId}`;
}
