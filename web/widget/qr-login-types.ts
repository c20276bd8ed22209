/** The public contract of `mountQrLogin`; the declarations served next to the widget. */

export type { QrCodeType } from "./channel-texts.generated";
import { type QrCodeType } from "./channel-texts.generated";

export type QrCodeStatus = "PENDING" | "SCANNED" | "AUTHORIZED" | "CANCELLED" | "EXPIRED";

/** What the widget shows; `loading` and `error` are the widget's own, the rest the code's. */
export type QrLoginState = "loading" | Lowercase<QrCodeStatus> | "error";

export type QrLoginLocale = "en" | "zh-CN";

/** A freshly generated code, as `generateQRCode` answers. */
export interface QrCodeInfo {
  readonly qrcodeId: string;
  readonly url: string;
  readonly customLogoUrl: string | null;
  readonly expiresAt: string;
}

export interface BriefUserInfo {
  readonly displayName: string | null;
  readonly photo: string | null;
}

/** What `exchangeQRCodeTicket` answers: the tokens of a public application's login. */
export interface QrLoginResult {
  readonly accessToken: string;
  readonly idToken: string;
  readonly tokenType: string;
  readonly expiresIn: number;
  readonly user: {
    readonly id: string;
    readonly displayName: string | null;
    readonly photo: string | null;
    readonly customData: Record<string, unknown> | null;
  };
}

/** A GraphQL error as the service reports it: `code` is Apollo's, `apiCode` the service's. */
export interface QrLoginError {
  readonly message: string;
  readonly code?: string;
  readonly apiCode?: number;
  readonly requestId?: string;
}

export interface QrLoginOptions {
  /** The service's GraphQL endpoint, e.g. `https://login.example.com/graphql`. */
  readonly endpoint: string;
  /** The application (`x-app-id`). */
  readonly appId: string;
  readonly type?: QrCodeType;
  /** Which connection (WeChat app) of the application; the first enabled one when absent. */
  readonly extIdpConnId?: string;
  /** MOBILE_APP: merged into the user's custom data when they authorize. */
  readonly customData?: Record<string, unknown>;
  /** WeChat types: handed to the application's login hook. */
  readonly context?: Record<string, unknown>;
  /** A confidential application: hand the ticket to your back end, which exchanges it. */
  readonly onTicket?: (ticket: string) => void | Promise<void>;
  /** A public application: the widget exchanges the ticket and hands over the tokens. */
  readonly onLogin?: (result: QrLoginResult) => void;
  readonly onStateChange?: (state: QrLoginState, detail: QrLoginStateDetail) => void;
  readonly onError?: (error: QrLoginError) => void;
  /** `en` or `zh-CN`; by default from the browser's languages. */
  readonly locale?: QrLoginLocale;
  /** `auto` (WebSocket, falling back to polling) or `poll` (never try WebSocket). */
  readonly transport?: "auto" | "poll";
  /** The graphql-ws URL; by default the endpoint with `ws(s):`. */
  readonly subscriptionEndpoint?: string;
  /** New codes made without a click when one expires while the page is visible. */
  readonly autoRefreshLimit?: number;
  /** The image's side in CSS pixels (also `--qr-login-size`). */
  readonly size?: number;
}

export interface QrLoginStateDetail {
  readonly code?: QrCodeInfo;
  readonly briefUserInfo?: BriefUserInfo | null;
  readonly error?: QrLoginError;
  /** Why a cancelled code was cancelled, in the service's words (the scanner, a login hook). */
  readonly cancelReason?: string | null;
  /** Who refused a cancelled code: the person on the phone, or the application (its login hook,
   * its cross-device rules). */
  readonly cancelledBy?: "SCANNER" | "APPLICATION" | null;
  /** How the status is followed right now; a change (a fall back to polling) is reported with
   * the unchanged state. */
  readonly transport?: "websocket" | "polling";
}

export interface QrLoginHandle {
  /** Drops the current code and shows a new one. */
  refresh(): void;
  /** Stops following, closes the socket and empties the element. */
  destroy(): void;
  readonly state: QrLoginState;
}
