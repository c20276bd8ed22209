import {
  CancelQrCodeDocument,
  type CancelQrCodeMutation,
  ConfirmQrCodeDocument,
  type ConfirmQrCodeMutation,
  ScanQrCodeDocument,
  type ScanQrCodeInput,
  type ScanQrCodeMutation,
  type ScanResultFieldsFragment,
} from "./__generated__/operations";
import { type RequestFunction } from "./request";
import { type ErrorExtensions, ScannerError, ScannerTransportError } from "./scanner-error";

/**
 * What the person is approving, as the service describes it: the application, where the login
 * was started (page origin, browser and system in words, address), when, how old the code is,
 * whether the phone is on the page's network, and the code's status. Show it before the person
 * confirms: it is how a person spots a login that is not theirs.
 */
export type ApprovalCard = ScanResultFieldsFragment;

/** Which code: the scan token read from the QR (`parseScanLink`), or a code a person typed
 * from a device's screen (`XXXX-XXXX`; needs the client's `appId`). */
export type CodeRef = { readonly scanToken: string } | { readonly userCode: string };

/** Who the person is: the company's app sends its own token for the signed-in user. */
export interface AppTokenProof {
  readonly bearerToken: string;
}

/** A WeChat mini program sends a fresh `wx.login()` code with every call (each is good once),
 * and the profile the person chose to share, when they chose to. */
export interface MiniProgramProof {
  readonly wxCode: string;
  readonly displayName?: string;
  readonly photo?: string;
}

export type ScannerProof = AppTokenProof | MiniProgramProof;

export interface ScannerClientOptions {
  /** The service's `PUBLIC_URL`, e.g. `https://login.acme.com`; calls go to `{baseUrl}/graphql`. */
  readonly baseUrl: string;
  readonly request: RequestFunction;
  /** The application (`x-app-id`): needed for typed user codes, harmless otherwise. */
  readonly appId?: string;
  /** Sent with every call (e.g. a gateway's headers). */
  readonly headers?: Readonly<Record<string, string>>;
}

interface GraphQLAnswer<TData> {
  readonly data?: TData | null;
  readonly errors?: readonly { readonly message: string; readonly extensions?: ErrorExtensions }[];
}

/**
 * The phone side of a login: scan (the code becomes SCANNED and the approval card comes back),
 * then confirm (AUTHORIZED: the login page gets its ticket) or cancel. Every call takes the code
 * and the proof of who the person is; only the person who scanned may confirm or cancel.
 */
export class ScannerClient {
  private readonly endpoint: string;

  constructor(private readonly options: ScannerClientOptions) {
    this.endpoint = `${options.baseUrl.replace(/\/+$/, "")}/graphql`;
  }

  async scan(code: CodeRef, proof: ScannerProof): Promise<ApprovalCard> {
    const data = await this.call<ScanQrCodeMutation>(String(ScanQrCodeDocument), code, proof);
    return data.scanQRCode;
  }

  async confirm(code: CodeRef, proof: ScannerProof): Promise<ApprovalCard> {
    const data = await this.call<ConfirmQrCodeMutation>(String(ConfirmQrCodeDocument), code, proof);
    return data.confirmQRCode;
  }

  async cancel(code: CodeRef, proof: ScannerProof): Promise<ApprovalCard> {
    const data = await this.call<CancelQrCodeMutation>(String(CancelQrCodeDocument), code, proof);
    return data.cancelQRCode;
  }

  private async call<TData>(query: string, code: CodeRef, proof: ScannerProof): Promise<TData> {
    const headers: Record<string, string> = {
      ...this.options.headers,
      "content-type": "application/json",
      accept: "application/json",
    };
    if (this.options.appId !== undefined) {
      headers["x-app-id"] = this.options.appId;
    }
    const input: ScanQrCodeInput = { ...code };
    if ("bearerToken" in proof) {
      headers.authorization = `Bearer ${proof.bearerToken}`;
    } else {
      input.wxCode = proof.wxCode;
      input.displayName = proof.displayName;
      input.photo = proof.photo;
    }
    const response = await this.options
      .request({
        url: this.endpoint,
        method: "POST",
        headers,
        body: JSON.stringify({ query, variables: { input } }),
      })
      .catch((error: unknown) => {
        throw new ScannerTransportError(
          `the service could not be reached: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
    const answer = parseAnswer<TData>(response.status, response.body);
    const [error] = answer.errors ?? [];
    if (error) {
      throw new ScannerError(error.message, error.extensions ?? {});
    }
    if (!answer.data) {
      throw new ScannerTransportError("the service answered without data", response.status);
    }
    return answer.data;
  }
}

function parseAnswer<TData>(status: number, body: string): GraphQLAnswer<TData> {
  try {
    const answer = JSON.parse(body) as GraphQLAnswer<TData> | null;
    if (answer && typeof answer === "object") {
      return answer;
    }
  } catch {
    // Not JSON: a proxy's error page, a captive portal.
  }
  throw new ScannerTransportError(`not a GraphQL answer (HTTP ${status})`, status);
}
