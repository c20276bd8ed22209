import { type ApolloErrorCode, type ErrorName } from "../../errors/error-table";

/**
 * Simplified Chinese for the v2 facade's `message` (`x-authing-lang: zh-CN`, what the JS SDK
 * sends by default). The rows a QR login meets have their own words; the rest say what kind of
 * error it is, and the `apiCode` says which. The English messages stay the precise ones.
 */
const BY_NAME: Partial<Record<ErrorName, string>> = {
  INVALID_INPUT: "请求参数不正确",
  FIELD_NOT_ALLOWED_FOR_TYPE: "该二维码类型不支持此参数",
  CONNECTION_NOT_FOUND: "身份源连接不存在",
  CONNECTION_DISABLED: "身份源连接未启用",
  NO_CONNECTION_FOR_TYPE: "应用没有启用该类型的身份源连接",
  APP_ID_REQUIRED: "缺少应用 ID（x-authing-app-id）",
  APP_NOT_FOUND: "应用不存在",
  ORIGIN_NOT_ALLOWED: "该来源不在应用允许的域名中",
  QRCODE_NOT_FOUND: "二维码不存在或已过期",
  QRCODE_EXPIRED: "二维码已过期",
  QRCODE_CANCELLED: "二维码已被取消",
  QRCODE_ALREADY_AUTHORIZED: "二维码已授权",
  QRCODE_NOT_SCANNED: "二维码尚未扫描",
  QRCODE_SCANNED_BY_ANOTHER_USER: "二维码已被其他用户扫描",
  TICKET_NOT_FOUND: "ticket 不存在",
  TICKET_ALREADY_USED: "ticket 已被使用",
  TICKET_EXPIRED: "ticket 已过期",
  POLLING_TOO_FAST: "查询过于频繁，请稍后再试",
  GENERATE_RATE_LIMITED: "生成二维码过于频繁，请稍后再试",
  EXCHANGE_RATE_LIMITED: "换取 token 失败次数过多，请稍后再试",
  LOGIN_DENIED: "登录被拒绝",
  APP_TOKEN_REQUIRED: "缺少用户登录凭证",
  APP_TOKEN_INVALID: "用户登录凭证无效",
  APP_TOKEN_EXPIRED: "用户登录凭证已过期",
  CLIENT_AUTH_REQUIRED: "缺少应用密钥",
  CLIENT_AUTH_FAILED: "应用 ID 或密钥错误，或 ticket 不存在",
  ROUTE_NOT_FOUND: "接口不存在",
};

const BY_CODE: Record<ApolloErrorCode, string> = {
  BAD_REQUEST: "请求格式不正确",
  GRAPHQL_PARSE_FAILED: "请求格式不正确",
  GRAPHQL_VALIDATION_FAILED: "请求格式不正确",
  BAD_USER_INPUT: "请求参数不正确",
  UNAUTHENTICATED: "身份验证失败",
  FORBIDDEN: "没有权限",
  NOT_FOUND: "资源不存在",
  TOO_MANY_REQUESTS: "请求过于频繁，请稍后再试",
  BAD_GATEWAY: "上游服务出错",
  SERVICE_UNAVAILABLE: "服务暂时不可用，请稍后再试",
  INTERNAL_SERVER_ERROR: "服务器内部错误",
};

export function chineseMessage(name: ErrorName, code: ApolloErrorCode): string {
  return BY_NAME[name] ?? BY_CODE[code];
}
