import { type GeneratedQRCode } from "../../qrcode/qrcode.service";
import { type QRCodeType } from "../../qrcode/qrcode.types";
import { type StatusView } from "../../qrcode/status.service";
import { type LoginResult } from "../../qrcode/ticket.service";

/** Our answers in the shapes the hosted platform's SDKs read (v3 and v2). */

export function v3GeneData({ qrcodeId, url, customLogoUrl, expiresAt }: GeneratedQRCode) {
  return { qrcodeId, url, customLogoUrl: customLogoUrl ?? undefined, expiresAt };
}

export function v3StatusData({ status, ticket, briefUserInfo, expiresAt }: StatusView) {
  return {
    status,
    ticket: ticket ?? undefined,
    briefUserInfo: briefUserInfo ?? undefined,
    expiresAt,
  };
}

/** `expire_in` is what the node SDK's type reads; `expires_in` is OAuth's name for it. */
export function v3TokenSet(result: LoginResult) {
  return {
    access_token: result.accessToken,
    id_token: result.idToken,
    token_type: result.tokenType,
    expire_in: result.expiresIn,
    expires_in: result.expiresIn,
    scope: "openid profile",
  };
}

/** v2's scenes, by the JS SDK's client: `qrcode`, `wxqrcode`, `wechatmpqrcode`. */
export const V2_SCENES = {
  APP_AUTH: "MOBILE_APP",
  WXAPP_AUTH: "WECHAT_MINIPROGRAM",
  WECHATMP_AUTH: "WECHAT_OFFICIAL_ACCOUNT",
} as const satisfies Record<string, QRCodeType>;

/** v2's numeric statuses, as the JS SDK's `startPolling` tells them apart. */
export const V2_STATUS_CODES: Record<StatusView["status"], number> = {
  PENDING: 0,
  SCANNED: 1,
  AUTHORIZED: 2,
  CANCELLED: 3,
  EXPIRED: -1,
};

export function v2GeneData(generated: GeneratedQRCode, now: number) {
  return {
    random: generated.qrcodeId,
    url: generated.url,
    expiresIn: Math.max(0, Math.round((generated.expiresAt.getTime() - now) / 1000)),
    customLogo: generated.customLogoUrl ?? undefined,
  };
}

export function v2CheckData(view: StatusView) {
  return {
    random: view.qrcodeId,
    status: V2_STATUS_CODES[view.status],
    ticket: view.ticket ?? undefined,
    userInfo: view.briefUserInfo
      ? { nickname: view.briefUserInfo.displayName, photo: view.briefUserInfo.photo }
      : undefined,
  };
}

/** v2's user, as `exchangeUserInfo` returns it: `token` is the ID token. */
export function v2User(result: LoginResult, now: number) {
  const { user } = result;
  return {
    id: user.id,
    nickname: user.displayName ?? null,
    photo: user.photo ?? null,
    customData: user.customData ?? null,
    token: result.idToken,
    accessToken: result.accessToken,
    tokenExpiredAt: new Date(now + result.expiresIn * 1000).toISOString(),
  };
}
