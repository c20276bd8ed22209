import { setTimeout as wait } from "node:timers/promises";

import { AppError } from "../errors/app-error";
import { type SharedCache } from "../qrcode/ports/shared-cache.port";
import { type WeChatCredentials } from "../qrcode/ports/wechat-credentials";
import { TOKEN_ERRCODES, wechatError } from "./wechat-errors";
import { errcodeOf, type WeChatAnswer, type WeChatHttp } from "./wechat-http";

/** Refreshed this long before WeChat says it expires, so no call goes out with a dying token. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;
/** How often a replica waiting on another's refresh looks at the cache. */
const WAIT_STEP_MS = 50;

/**
 * WeChat access tokens, one per WeChat appId, from `cgi-bin/stable_token` only (`cgi-bin/token`
 * invalidates the token every other server holds). Cached in the shared cache until 5 minutes
 * before expiry, so N replicas make one token call per token lifetime. One refresh at a time:
 * single-flight inside a process, a lock across replicas; waiters read the cache and never call
 * WeChat themselves. `force_refresh` is never sent (WeChat allows 20 a day).
 */
export class AccessTokens {
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(
    private readonly http: WeChatHttp,
    private readonly cache: SharedCache,
    private readonly timeoutMs: number,
  ) {}

  /**
   * Runs a business call with a token; on an errcode saying the token is no good, drops that
   * token (only if the cache still holds it: another caller may have refreshed already),
   * fetches again and retries once.
   */
  async withToken(
    app: WeChatCredentials,
    call: (accessToken: string) => Promise<WeChatAnswer>,
  ): Promise<WeChatAnswer> {
    const first = await this.token(app);
    const answer = await call(first);
    if (!isTokenRefusal(answer)) {
      return answer;
    }
    await this.cache.deleteIf(cacheKey(app), first);
    const retried = await call(await this.token(app));
    if (isTokenRefusal(retried)) {
      throw new AppError(
        "WECHAT_ACCESS_TOKEN_REFUSED",
        "WeChat refused a freshly fetched access token",
        { wechatErrcode: errcodeOf(retried.kind === "json" ? retried.body : {}) },
      );
    }
    return retried;
  }

  private async token(app: WeChatCredentials): Promise<string> {
    const cached = await this.cache.get(cacheKey(app));
    if (cached) {
      return cached;
    }
    let refresh = this.inFlight.get(app.appId);
    if (!refresh) {
      refresh = this.refresh(app).finally(() => this.inFlight.delete(app.appId));
      this.inFlight.set(app.appId, refresh);
    }
    return refresh;
  }

  /** One replica fetches; the others wait for the cache, as long as a fetch may take. */
  private async refresh(app: WeChatCredentials): Promise<string> {
    const lockMs = this.timeoutMs + 2000;
    const giveUpAt = Date.now() + lockMs + 1000;
    while (Date.now() < giveUpAt) {
      const lock = await this.cache.tryLock(cacheKey(app), lockMs);
      if (lock) {
        try {
          return (await this.cache.get(cacheKey(app))) ?? (await this.fetchAndCache(app));
        } finally {
          await this.cache.unlock(cacheKey(app), lock);
        }
      }
      await wait(WAIT_STEP_MS);
      const cached = await this.cache.get(cacheKey(app));
      if (cached) {
        return cached;
      }
    }
    throw new AppError("WECHAT_UNAVAILABLE", "no WeChat access token could be had in time");
  }

  private async fetchAndCache(app: WeChatCredentials): Promise<string> {
    const answer = await this.http.call("/cgi-bin/stable_token", {
      method: "POST",
      query: {},
      json: {
        grant_type: "client_credential",
        appid: app.appId,
        secret: app.appSecret,
        force_refresh: false,
      },
    });
    const body = answer.kind === "json" ? answer.body : {};
    const errcode = errcodeOf(body);
    if (errcode !== 0) {
      throw wechatError(errcode, "token", "the access token request");
    }
    const { access_token: token, expires_in: expiresIn } = body;
    if (typeof token !== "string" || typeof expiresIn !== "number") {
      throw new AppError("WECHAT_UNAVAILABLE", "WeChat's token answer has no access_token");
    }
    const lifetimeMs = expiresIn * 1000;
    const keepMs =
      lifetimeMs > 2 * REFRESH_MARGIN_MS ? lifetimeMs - REFRESH_MARGIN_MS : lifetimeMs / 2;
    await this.cache.set(cacheKey(app), token, Math.max(1000, keepMs));
    return token;
  }
}

function isTokenRefusal(answer: WeChatAnswer): boolean {
  return answer.kind === "json" && TOKEN_ERRCODES.has(errcodeOf(answer.body));
}

function cacheKey(app: WeChatCredentials): string {
  return `wechat-access-token:${app.appId}`;
}
