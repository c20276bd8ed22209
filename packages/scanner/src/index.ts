export { type QrCodeStatus } from "./__generated__/operations";
export { API_ERRORS, type ApiErrorName } from "./api-errors.generated";
export {
  type FetchLike,
  fetchRequest,
  type RequestFunction,
  type ScannerHttpRequest,
  type ScannerHttpResponse,
  type WxLike,
  wxRequest,
} from "./request";
export {
  DEFAULT_SCAN_URL_TEMPLATE,
  parseScanLink,
  type ScanLinkOptions,
  scanTokenFromScene,
} from "./scan-link";
export {
  type ApprovalCard,
  type AppTokenProof,
  type CodeRef,
  type MiniProgramProof,
  ScannerClient,
  type ScannerClientOptions,
  type ScannerProof,
} from "./scanner-client";
export { type ErrorExtensions, ScannerError, ScannerTransportError } from "./scanner-error";
