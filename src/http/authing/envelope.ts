import { type AppError } from "../../errors/app-error";
import { chineseMessage } from "./messages-zh";

/**
 * The two answer shapes of the hosted platform's APIs, which its SDKs read. Business errors
 * are HTTP 200 with the error in the body: the SDKs return (v3) or throw (v2) that body.
 */

/** v3: `{ statusCode, message, apiCode, requestId, data }`; details such as `field` or
 * `retryAfterMs` ride along, as in GraphQL's `extensions`. */
export interface V3Envelope<T> {
  readonly statusCode: number;
  readonly message: string;
  readonly apiCode?: number;
  readonly requestId: string;
  readonly data: T | null;
  readonly [detail: string]: unknown;
}

export function v3Success<T>(data: T, requestId: string): V3Envelope<T> {
  return { statusCode: 200, message: "", requestId, data };
}

export function v3Failure(error: AppError, requestId: string): V3Envelope<never> {
  return {
    ...error.details,
    statusCode: error.spec.statusCode,
    message: error.message,
    apiCode: error.spec.apiCode,
    requestId,
    data: null,
  };
}

/** v2: `{ code, message, data }`, `code` 200 on success, else our apiCode. */
export interface V2Envelope<T> {
  readonly code: number;
  readonly message: string;
  readonly data: T | null;
  readonly [detail: string]: unknown;
}

export function v2Success<T>(data: T): V2Envelope<T> {
  return { code: 200, message: "", data };
}

/** v2 calls both of our handles `random`: errors name the field the client sent. */
const V2_FIELD_NAMES: Readonly<Record<string, string>> = {
  qrcodeId: "random",
  scanToken: "random",
};

/** In the language of `x-authing-lang`: zh-CN unless the client asks for English. */
export function v2Failure(error: AppError, lang: string | undefined): V2Envelope<never> {
  const english = lang !== undefined && lang.toLowerCase().startsWith("en");
  const { field } = error.details;
  const renamed = typeof field === "string" ? V2_FIELD_NAMES[field] : undefined;
  const message = renamed ? error.message.replace(String(field), renamed) : error.message;
  return {
    ...error.details,
    ...(renamed ? { field: renamed } : {}),
    code: error.spec.apiCode,
    message: english ? message : chineseMessage(error.errorName, error.spec.code),
    data: null,
  };
}
