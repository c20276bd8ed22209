import { type StoredBlob } from "./blob-store.port";
import { type WeChatCredentials } from "./wechat-credentials";

/** Who a WeChat user is to one WeChat app; `unionid` only when the app is bound to an open
 * platform account (then it is the same across the company's WeChat apps). */
export interface WeChatIdentity {
  readonly appId: string;
  readonly openid: string;
  readonly unionid?: string;
}

/** A mini program code request (`wxa/getwxacodeunlimit`). */
export interface MiniProgramCodeRequest {
  /** At most 32 characters; the mini program reads it from its page query. */
  readonly scene: string;
  /** The page the code opens, no leading `/` and no query; WeChat's home page when absent. */
  readonly page?: string;
  readonly checkPath: boolean;
  readonly envVersion: "release" | "trial" | "develop";
  /** 280–1280 px. */
  readonly width: number;
}

/**
 * WeChat's mini program APIs that the WECHAT_MINIPROGRAM channel needs. Failures are AppErrors
 * of the WeChat rows of the error table, with WeChat's `errcode` as `wechatErrcode`.
 */
export interface WeChatMiniProgram {
  /** The mini program code's image bytes, as WeChat made them. */
  unlimitedCode(app: WeChatCredentials, request: MiniProgramCodeRequest): Promise<StoredBlob>;
  /** Spends a `wx.login` code (good once, for 5 minutes) and says who the user is. */
  codeToSession(app: WeChatCredentials, jsCode: string): Promise<WeChatIdentity>;
}
