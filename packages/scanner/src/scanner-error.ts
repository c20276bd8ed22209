import { API_ERRORS, type ApiErrorName } from "./api-errors.generated";

/** What the service puts in every error's `extensions` (docs/errors.md). */
export interface ErrorExtensions {
  readonly code?: string;
  readonly statusCode?: number;
  readonly apiCode?: number;
  readonly requestId?: string;
  /** The input field at fault, when one is. */
  readonly field?: string;
  /** Why a login was refused or cancelled (a login hook's reason, a cross-device rule). */
  readonly reason?: string;
  /** When a paced call may be tried again. */
  readonly retryAfterMs?: number;
  readonly [key: string]: unknown;
}

const NAME_OF_API_CODE = new Map<number, ApiErrorName>(
  Object.entries(API_ERRORS).map(([name, apiCode]) => [apiCode, name as ApiErrorName]),
);

/**
 * The service answered, and refused the call. `apiCode` and `errorName` say exactly why (one
 * per cause, docs/scanner-app.md says what to show for each); `message` is for logs.
 */
export class ScannerError extends Error {
  override readonly name = "ScannerError";
  readonly apiCode: number;
  /** The error table's name of `apiCode`, e.g. `QRCODE_EXPIRED`; undefined for a code newer
   * than this client. */
  readonly errorName: ApiErrorName | undefined;
  /** Apollo's `extensions.code`, e.g. `NOT_FOUND`. */
  readonly code: string;
  readonly statusCode: number;
  readonly requestId: string | undefined;
  readonly field: string | undefined;
  readonly reason: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly extensions: ErrorExtensions;

  constructor(message: string, extensions: ErrorExtensions) {
    super(message);
    this.extensions = extensions;
    this.apiCode = extensions.apiCode ?? 0;
    this.errorName = NAME_OF_API_CODE.get(this.apiCode);
    this.code = extensions.code ?? "INTERNAL_SERVER_ERROR";
    this.statusCode = extensions.statusCode ?? 500;
    this.requestId = extensions.requestId;
    this.field = extensions.field;
    this.reason = extensions.reason;
    this.retryAfterMs = extensions.retryAfterMs;
  }

  /** Whether this is the named row of the error table: `error.is("QRCODE_EXPIRED")`. */
  is(name: ApiErrorName): boolean {
    return this.apiCode === API_ERRORS[name];
  }
}

/** No usable answer: the network failed, or something other than the service answered. */
export class ScannerTransportError extends Error {
  override readonly name = "ScannerTransportError";

  constructor(
    message: string,
    /** The HTTP status, when an answer came that was not the service's. */
    readonly status?: number,
  ) {
    super(message);
  }
}
