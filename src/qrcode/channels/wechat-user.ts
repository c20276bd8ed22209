import { z } from "zod";

import { type WeChatIdentity } from "../ports/wechat-mini-program.port";
import { type LinkedAccount } from "../qrcode.types";
import { WECHAT_OPENID_PREFIX, WECHAT_UNIONID_PREFIX } from "../user-namespaces";
import { type SettingsKit } from "./channel-module";

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

/** WeChat gives servers no nickname: a person who shares none is shown as WeChat shows one. */
export const WECHAT_USER_NAME = "WeChat user";

/** The WeChat identity, handed to the login hook as `user.wechat`. */
export function wechatAccount(identity: WeChatIdentity): LinkedAccount {
  return {
    provider: "wechat",
    ids: {
      appId: identity.appId,
      openid: identity.openid,
      ...(identity.unionid ? { unionid: identity.unionid } : {}),
    },
  };
}

/** The WeChat app a WeChat connection names (`wechat: { appId, appSecret }`). */
export function wechatAppSchema(kit: SettingsKit) {
  return z.strictObject({ appId: z.string().min(1), appSecret: kit.secret() });
}
