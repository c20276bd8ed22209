import { type WeChatCredentials } from "./wechat-credentials";

/** A temporary parametric QR code (`cgi-bin/qrcode/create`, `QR_STR_SCENE`). */
export interface ParametricQrCode {
  /** WeChat's ticket: also carried by the events of a scan. */
  readonly ticket: string;
  /** What WeChat's own image encodes; our image is drawn from it. */
  readonly url: string;
}

/** WeChat's official account APIs that the WECHAT_OFFICIAL_ACCOUNT channel needs. */
export interface WeChatOfficialAccount {
  createLoginQrCode(
    app: WeChatCredentials,
    scene: string,
    expireSeconds: number,
  ): Promise<ParametricQrCode>;
  /** The person's unionid (`cgi-bin/user/info`), for an account bound to an open platform. */
  unionIdOf(app: WeChatCredentials, openid: string): Promise<string | undefined>;
}
