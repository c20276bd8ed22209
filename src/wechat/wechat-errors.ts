import { AppError } from "../errors/app-error";
import { type ErrorName } from "../errors/error-table";

/** errcodes that mean "this access token is no good": refresh once and retry once. */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);

/** What a business call's errcode means to our clients (WeChat's documented codes). */
const BUSINESS_ERRCODES: ReadonlyMap<number, ErrorName> = new Map([
  [-1, "WECHAT_UNAVAILABLE"],
  [45009, "WECHAT_RATE_LIMITED"],
  [45011, "WECHAT_RATE_LIMITED"],
  [41030, "WECHAT_PAGE_INVALID"],
  [40169, "WECHAT_SCENE_INVALID"],
  [40029, "WECHAT_CODE_INVALID"],
  [40163, "WECHAT_CODE_USED"],
  [40226, "WECHAT_USER_RISKY"],
]);

/** Where a call sends the appId and secret (the token endpoint, jscode2session), these mean
 * the connection's appId or secret is wrong (or the server's IP is not on WeChat's allow list). */
const CREDENTIAL_ERRCODES: ReadonlySet<number> = new Set([40002, 40013, 40125, 40164]);

/**
 * WeChat's failure as one of our errors, with WeChat's errcode in `extensions.wechatErrcode`.
 * WeChat's `errmsg` never reaches a client: it carries request ids (`rid: …`) and, for some
 * codes, parts of the request.
 */
export function wechatError(
  errcode: number,
  where: "token" | "with-secret" | "business",
  what: string,
): AppError {
  const credentialsRefused =
    CREDENTIAL_ERRCODES.has(errcode) || (where === "token" && errcode === 40001);
  if (where !== "business" && credentialsRefused) {
    return new AppError(
      "WECHAT_CREDENTIALS_INVALID",
      `WeChat refused this connection's appId or appSecret (errcode ${errcode})`,
      { wechatErrcode: errcode },
    );
  }
  const name = BUSINESS_ERRCODES.get(errcode) ?? "WECHAT_REJECTED";
  return new AppError(name, `WeChat refused ${what} (errcode ${errcode})`, {
    wechatErrcode: errcode,
  });
}
