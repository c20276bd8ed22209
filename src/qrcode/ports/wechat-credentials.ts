/** The WeChat app behind a WeChat connection; the secret comes from the environment. */
export interface WeChatCredentials {
  readonly appId: string;
  readonly appSecret: string;
}
