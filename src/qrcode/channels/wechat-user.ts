import { AppError } from "../../errors/app-error";
import { type Connection, type WeChatCredentials } from "../application";
import { type WeChatIdentity } from "../ports/wechat-mini-program.port";
import { WECHAT_OPENID_PREFIX, WECHAT_UNIONID_PREFIX } from "../user-namespaces";

/**
 * One WeChat person is one user: by `unionid` when WeChat gives one (the company's mini program
 * and official account bound to one open platform account then share users), else by `openid`,
 * which is only unique within one WeChat appId.
 */
export function wechatUserId(identity: WeChatIdentity): string {
  return identity.unionid
    ? `${WECHAT_UNIONID_PREFIX}${identity.unionid}`
    : `${WECHAT_OPENID_PREFIX}${identity.appId}:${identity.openid}`;
}

/** The WeChat app behind a WeChat connection (config validation makes it present). */
export function wechatAppOf(connection: Connection | undefined): WeChatCredentials {
  if (!connection?.wechat) {
    throw new AppError("INTERNAL_ERROR", "a WeChat code has no WeChat connection");
  }
  return connection.wechat;
}
