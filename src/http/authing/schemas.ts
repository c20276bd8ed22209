/**
 * JSON Schemas of the facade's requests and answers: Fastify validates requests with them,
 * serializes answers with them, and @fastify/swagger publishes them (`/api/openapi.json`).
 */

type Schema = Record<string, unknown>;

const STATUSES = ["PENDING", "SCANNED", "AUTHORIZED", "CANCELLED", "EXPIRED", "ERROR"];

const text = (description: string): Schema => ({ type: "string", description });

/** What an error adds to the envelope, as GraphQL's `extensions` carry it. */
const ERROR_DETAILS: Schema = {
  field: text("The request field that was wrong."),
  retryAfterMs: { type: "integer", description: "Rate limits: wait this long." },
  wechatErrcode: { type: "integer", description: "WeChat's errcode, when WeChat refused." },
  limit: text("Which limit was passed."),
  reason: text("Why, when there is more to say."),
};

/** v3: `data` is null on errors, whose HTTP status is 200 (the SDK reads the body). */
export function v3Envelope(data: Schema | null, description: string): Schema {
  return {
    description,
    type: "object",
    required: ["statusCode", "message", "requestId", "data"],
    properties: {
      statusCode: {
        type: "integer",
        description: "200, or the error's 400/401/403/404/429/502/503.",
      },
      message: { type: "string" },
      apiCode: { type: "integer", description: "The error's row in the service's error table." },
      requestId: { type: "string" },
      ...ERROR_DETAILS,
      data: data ? { ...data, type: ["object", "null"] } : { type: "null" },
    },
  };
}

/** v2: `code` 200 on success, else the error's apiCode, with `data: null`. */
export function v2Envelope(data: Schema, description: string): Schema {
  return {
    description,
    type: "object",
    required: ["code", "message", "data"],
    properties: {
      code: { type: "integer", description: "200, or the error's apiCode." },
      message: { type: "string", description: "In the language of x-authing-lang." },
      ...ERROR_DETAILS,
      data: { ...data, type: ["object", "null"] },
    },
  };
}

export const AUTHING_APP_HEADER: Schema = {
  type: "object",
  properties: { "x-authing-app-id": text("The application (the SDK's appId).") },
};

const jsonObject = (description: string): Schema => ({
  type: "object",
  additionalProperties: true,
  description,
});

/** The generate call's body; `types` are the QR code types the server runs (its channels). */
export const geneQrcodeBody = (types: readonly string[]): Schema => ({
  type: "object",
  required: ["type"],
  properties: {
    type: { type: "string", enum: [...types] },
    extIdpConnId: text("WeChat types: which connection; the first enabled one when absent."),
    customData: jsonObject("MOBILE_APP: merged into the user's custom data on login."),
    context: jsonObject("WeChat types: handed to the login hook."),
    autoMergeQrCode: { type: "boolean", description: "WECHAT_MINIPROGRAM: merge the logo here." },
  },
});

export const GENE_QRCODE_DATA: Schema = {
  type: "object",
  required: ["qrcodeId", "url"],
  properties: {
    qrcodeId: text("The login page's handle: status and tokens, never shown in the code."),
    url: text("The image, served until the code expires."),
    customLogoUrl: text("WECHAT_MINIPROGRAM without autoMergeQrCode: the logo to compose."),
    expiresAt: { type: "string", format: "date-time" },
  },
};

export const QRCODE_ID_QUERY: Schema = {
  type: "object",
  required: ["qrcodeId"],
  properties: { qrcodeId: text("From gene-qrcode.") },
};

export const STATUS_DATA: Schema = {
  type: "object",
  required: ["status"],
  properties: {
    status: { type: "string", enum: STATUSES },
    ticket: text("Only when AUTHORIZED: exchange it once for tokens."),
    briefUserInfo: {
      type: "object",
      properties: {
        displayName: { type: ["string", "null"] },
        photo: { type: ["string", "null"] },
      },
    },
    expiresAt: { type: "string", format: "date-time" },
  },
};

export const EXCHANGE_BODY: Schema = {
  type: "object",
  required: ["ticket"],
  properties: {
    ticket: { type: "string" },
    client_id: text("client_secret_post: the application's id."),
    client_secret: text("client_secret_post: the application's secret."),
  },
};

export const TOKEN_SET_DATA: Schema = {
  type: "object",
  properties: {
    access_token: { type: "string" },
    id_token: { type: "string" },
    token_type: { type: "string" },
    expire_in: { type: "integer", description: "Seconds (the name the SDK reads)." },
    expires_in: { type: "integer", description: "Seconds (the OAuth name)." },
    scope: { type: "string" },
  },
};

const USER_CODE = text(
  "Instead of the scan token: the code a device shows (XXXX-XXXX), typed by a person; needs x-authing-app-id.",
);

export const CHANGE_STATUS_BODY: Schema = {
  type: "object",
  required: ["action"],
  anyOf: [{ required: ["qrcodeId"] }, { required: ["userCode"] }],
  properties: {
    qrcodeId: text("What the scanner read from the code: its scan token."),
    userCode: USER_CODE,
    action: { type: "string", enum: ["SCAN", "CONFIRM", "CANCEL"] },
  },
};

export const SUCCESS_DATA: Schema = {
  type: "object",
  properties: { success: { type: "boolean" } },
};

export const V2_GENE_BODY: Schema = {
  type: "object",
  required: ["scene"],
  properties: {
    scene: { type: "string", enum: ["APP_AUTH", "WXAPP_AUTH", "WECHATMP_AUTH"] },
    autoMergeQrCode: { type: "boolean" },
    context: jsonObject("WeChat scenes: handed to the login hook."),
    params: jsonObject("APP_AUTH: the customData merged into the user on login."),
    extIdpConnId: text("WeChat scenes: which connection."),
  },
};

export const V2_GENE_DATA: Schema = {
  type: "object",
  properties: {
    random: text("The login page's handle (our qrcodeId): URL-safe."),
    url: text("The image."),
    expiresIn: { type: "integer", description: "Seconds until the code expires." },
    customLogo: text("WXAPP_AUTH: the logo to compose on the client."),
  },
};

export const V2_RANDOM_QUERY: Schema = {
  type: "object",
  required: ["random"],
  properties: { random: text("From gene.") },
};

const V2_STATUS: Schema = {
  type: "integer",
  description: "0 pending, 1 scanned, 2 authorized, 3 cancelled, -1 expired.",
};

export const V2_CHECK_DATA: Schema = {
  type: "object",
  properties: {
    random: { type: "string" },
    status: V2_STATUS,
    ticket: text("Only when authorized (2)."),
    userInfo: {
      type: "object",
      properties: { nickname: { type: ["string", "null"] }, photo: { type: ["string", "null"] } },
    },
  },
};

export const V2_TICKET_BODY: Schema = {
  type: "object",
  required: ["ticket"],
  properties: { ticket: { type: "string" } },
};

export const V2_USER_DATA: Schema = {
  type: "object",
  properties: {
    id: { type: "string" },
    nickname: { type: ["string", "null"] },
    photo: { type: ["string", "null"] },
    customData: { type: ["object", "null"], additionalProperties: true },
    token: text("The ID token."),
    accessToken: { type: "string" },
    tokenExpiredAt: { type: "string", format: "date-time" },
  },
};

export const V2_SCANNER_BODY: Schema = {
  type: "object",
  anyOf: [{ required: ["random"] }, { required: ["userCode"] }],
  properties: {
    random: text("What the scanner read from the code: its scan token."),
    userCode: USER_CODE,
  },
};

export const V2_SCANNER_DATA: Schema = {
  type: "object",
  properties: { random: { type: "string" }, status: V2_STATUS, description: { type: "string" } },
};

export const AUTHING_LANG_HEADERS: Schema = {
  type: "object",
  properties: {
    "x-authing-app-id": text("The application (the SDK's appId)."),
    "x-authing-lang": text("zh-CN (default) or en-US: the language of `message`."),
  },
};
