import { type QRCodeType } from "./qrcode.types";

/** The WeChat app behind a WeChat connection; the secret comes from the environment. */
export interface WeChatCredentials {
  readonly appId: string;
  readonly appSecret: string;
}

export interface MiniProgramOptions {
  readonly page?: string;
  readonly envVersion: "release" | "trial" | "develop";
  readonly width: number;
}

/** An identity-source connection (`extIdpConnId`) of an application. */
export interface Connection {
  readonly id: string;
  readonly type: QRCodeType;
  readonly enabled: boolean;
  readonly logoUrl?: string;
  readonly wechat?: WeChatCredentials;
  readonly miniProgram?: MiniProgramOptions;
}

/** A tenant: the login page that names itself with `x-app-id`. */
export interface Application {
  readonly appId: string;
  readonly name: string;
  /** Origins allowed to call as this application; `*` allows any. */
  readonly allowedOrigins: readonly string[];
  readonly qrCodeLifetimeSeconds: number;
  /** Template of the QR content; `{scanToken}` and `{PUBLIC_URL}` are filled in. */
  readonly scanUrlTemplate: string;
  readonly connections: readonly Connection[];
}

export const DEFAULT_QR_CODE_LIFETIME_SECONDS = 120;
export const DEFAULT_SCAN_URL_TEMPLATE = "{PUBLIC_URL}/scan/{scanToken}";
