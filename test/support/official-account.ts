import { createHash } from "node:crypto";

import { type PushTarget } from "../../scripts/fake-wechat/fake-wechat-push";
import { type Connection } from "../../src/qrcode/application";
import { type OfficialAccountSettings } from "../../src/qrcode/channels/wechat-official-account/official-account-settings";

export const OA_APP_ID = "wx-oa-test";
export const OA_SECRET = "oa-secret-never-to-be-seen-0123456789";
export const OA_TOKEN = "oa-callback-token";
/** 43 base64 characters, as the account's server configuration shows it. */
export const OA_AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
export const LOGIN_REPLY = "登录成功，请回到网页";

/** The account in plain mode (no encodingAESKey): its pushes are signed, not encrypted. */
/** A connection's common fields to change, and its official account settings to replace. */
export type OfficialAccountOverrides = Partial<Omit<Connection, "settings">> &
  Partial<OfficialAccountSettings>;

export function officialAccountConnection(overrides: OfficialAccountOverrides = {}): Connection {
  const {
    wechat = { appId: OA_APP_ID, appSecret: OA_SECRET },
    officialAccount = { token: OA_TOKEN, loginReply: LOGIN_REPLY, openPlatform: false },
    ...common
  } = overrides;
  return {
    id: "acme-oa",
    type: "WECHAT_OFFICIAL_ACCOUNT",
    enabled: true,
    settings: { wechat, officialAccount },
    ...common,
  };
}

/** The same account with an encodingAESKey: it takes safe (or compatible) mode pushes only. */
export const SAFE_OA_CONNECTION_ID = "acme-oa-safe";

export function safeModeConnection(overrides: OfficialAccountOverrides = {}): Connection {
  return officialAccountConnection({
    id: SAFE_OA_CONNECTION_ID,
    officialAccount: {
      token: OA_TOKEN,
      encodingAESKey: OA_AES_KEY,
      loginReply: LOGIN_REPLY,
      openPlatform: false,
    },
    ...overrides,
  });
}

/** WeChat's plain signature: sha1 of the sorted parts (the token, timestamp, nonce[, body]). */
export function wechatSha1(...parts: string[]): string {
  return createHash("sha1")
    .update([...parts].sort().join(""))
    .digest("hex");
}

export function pushTarget(
  baseUrl: string,
  mode: PushTarget["mode"] = "plain",
  connectionId = "acme-oa",
): PushTarget {
  return {
    callbackUrl: `${baseUrl}/wechat/${connectionId}/callback`,
    token: OA_TOKEN,
    appId: OA_APP_ID,
    encodingAESKey: OA_AES_KEY,
    mode,
  };
}
