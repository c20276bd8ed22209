import { type LoginHookConfig } from "../application";
import { type JsonObject, type QRCodeType, type RequestOrigin } from "../qrcode.types";

/** What the application's login hook is told about a login it may allow or deny. */
export interface LoginHookCall {
  readonly appId: string;
  readonly type: QRCodeType;
  readonly user: {
    readonly id: string;
    readonly displayName?: string;
    readonly photo?: string;
    /** The account behind the user at its identity source, under the provider's name
     * (`wechat: { appId, openid, unionid? }` for the WeChat types). */
    readonly [provider: string]: unknown;
  };
  readonly connection: { readonly id: string; readonly type: QRCodeType } | null;
  readonly context: JsonObject;
  readonly request: RequestOrigin;
}

export type LoginHookDecision =
  | { readonly allow: true; readonly claims: JsonObject }
  | { readonly allow: false; readonly reason: string };

/** Asks the hook; a hook that cannot be asked (timeout, error, bad answer) throws
 * LOGIN_HOOK_FAILED, and the caller fails closed. */
export interface LoginHook {
  ask(hook: LoginHookConfig, call: LoginHookCall): Promise<LoginHookDecision>;
}
