import { AppError } from "../errors/app-error";
import { type WeChatCredentials } from "../qrcode/ports/wechat-credentials";
import {
  type ParametricQrCode,
  type WeChatOfficialAccount,
} from "../qrcode/ports/wechat-official-account.port";
import { type AccessTokens } from "./access-tokens";
import { wechatError } from "./wechat-errors";
import { errcodeOf, type WeChatHttp, type WeChatJson } from "./wechat-http";

/** WeChat's official account APIs: `cgi-bin/qrcode/create` and `cgi-bin/user/info`. */
export class OfficialAccountClient implements WeChatOfficialAccount {
  constructor(
    private readonly http: WeChatHttp,
    private readonly tokens: AccessTokens,
  ) {}

  async createLoginQrCode(
    app: WeChatCredentials,
    scene: string,
    expireSeconds: number,
  ): Promise<ParametricQrCode> {
    const body = await this.json(app, "/cgi-bin/qrcode/create", "POST", {}, "to make the code", {
      // Always sent: WeChat's documents disagree on the default.
      expire_seconds: expireSeconds,
      action_name: "QR_STR_SCENE",
      // The nesting under action_info matters: a flat scene_str is ignored.
      action_info: { scene: { scene_str: scene } },
    });
    const { ticket, url } = body;
    if (typeof ticket !== "string" || typeof url !== "string") {
      throw new AppError("WECHAT_UNAVAILABLE", "WeChat's answer to qrcode/create has no url");
    }
    return { ticket, url };
  }

  async unionIdOf(app: WeChatCredentials, openid: string): Promise<string | undefined> {
    const body = await this.json(
      app,
      "/cgi-bin/user/info",
      "GET",
      { openid, lang: "zh_CN" },
      "the user's info",
    );
    return typeof body.unionid === "string" && body.unionid !== "" ? body.unionid : undefined;
  }

  private async json(
    app: WeChatCredentials,
    path: string,
    method: "GET" | "POST",
    query: Record<string, string>,
    what: string,
    json?: WeChatJson,
  ): Promise<WeChatJson> {
    const answer = await this.tokens.withToken(app, (accessToken) =>
      this.http.call(path, { method, query: { ...query, access_token: accessToken }, json }),
    );
    const body = answer.kind === "json" ? answer.body : {};
    const errcode = errcodeOf(body);
    if (answer.kind !== "json" || errcode !== 0) {
      throw wechatError(errcode, "business", what);
    }
    return body;
  }
}
