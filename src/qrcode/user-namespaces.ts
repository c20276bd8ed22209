/**
 * User ids are namespaced by where the person was proven: a WeChat person's id starts with
 * one of WeChat's prefixes (`wechat-user.ts`), and everything else is the company's own app
 * users' (their app token's `sub`, unchanged). An app token whose subject takes a WeChat prefix
 * is refused, so it can never name a WeChat user's record, custom data or token `sub` (and no
 * WeChat identity can name an app user, since all of WeChat's ids carry a prefix).
 */
export const WECHAT_OPENID_PREFIX = "wechat:";
export const WECHAT_UNIONID_PREFIX = "wechat-union:";

const OTHER_SOURCES = [WECHAT_OPENID_PREFIX, WECHAT_UNIONID_PREFIX] as const;

/** Whether an app token's subject would name a user of another source. */
export function isOtherSourcesUserId(subject: string): boolean {
  return OTHER_SOURCES.some((prefix) => subject.startsWith(prefix));
}
