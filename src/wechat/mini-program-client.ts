import { AppError } from "../errors/app-error";
import { type StoredBlob } from "../qrcode/ports/blob-store.port";
import { type WeChatCredentials } from "../qrcode/ports/wechat-credentials";
import {
  type MiniProgramCodeRequest,
  type WeChatIdentity,
  type WeChatMiniProgram,
} from "../qrcode/ports/wechat-mini-program.port";
import { type AccessTokens } from "./access-tokens";
import { wechatError } from "./wechat-errors";
import { errcodeOf, type WeChatHttp } from "./wechat-http";

/** WeChat's mini program APIs: `wxa/getwxacodeunlimit` and `sns/jscode2session`. */
export class MiniProgramClient implements WeChatMiniProgram {
  constructor(
    private readonly http: WeChatHttp,
    private readonly tokens: AccessTokens,
  ) {}

  async unlimitedCode(
    app: WeChatCredentials,
    request: MiniProgramCodeRequest,
  ): Promise<StoredBlob> {
    const answer = await this.tokens.withToken(app, (accessToken) =>
      this.http.call("/wxa/getwxacodeunlimit", {
        method: "POST",
        query: { access_token: accessToken },
        json: {
          scene: request.scene,
          ...(request.page ? { page: request.page } : {}),
          check_path: request.checkPath,
          env_version: request.envVersion,
          width: request.width,
        },
      }),
    );
    if (answer.kind === "image") {
      return { body: answer.body, contentType: answer.contentType };
    }
    throw wechatError(errcodeOf(answer.body), "business", "to make the mini program code");
  }

  async codeToSession(app: WeChatCredentials, jsCode: string): Promise<WeChatIdentity> {
    const answer = await this.http.call("/sns/jscode2session", {
      method: "GET",
      query: {
        appid: app.appId,
        secret: app.appSecret,
        js_code: jsCode,
        grant_type: "authorization_code",
      },
    });
    const body = answer.kind === "json" ? answer.body : {};
    const errcode = errcodeOf(body);
    if (errcode !== 0) {
      throw wechatError(errcode, "with-secret", "the wx.login code");
    }
    // session_key is deliberately not read: it is never stored or logged.
    const { openid, unionid } = body;
    if (typeof openid !== "string" || openid === "") {
      throw new AppError("WECHAT_UNAVAILABLE", "WeChat's answer to jscode2session has no openid");
    }
    return {
      appId: app.appId,
      openid,
      ...(typeof unionid === "string" && unionid !== "" ? { unionid } : {}),
    };
  }
}
