/**
 * Scan-to-log-in on any page of an allowed origin, in one call:
 * `mountQrLogin(element, { endpoint, appId, type, onTicket | onLogin })`.
 */
import { GraphQLRequestError, postGraphQL } from "./graphql-http";
import { type Messages, messagesFor, pickLocale } from "./messages";
import { EXCHANGE, GENERATE, type StatusUpdate } from "./operations";
import {
  type QrCodeInfo,
  type QrCodeType,
  type QrLoginHandle,
  type QrLoginOptions,
  type QrLoginResult,
  type QrLoginState,
  type QrLoginStateDetail,
} from "./qr-login-types";
import { followStatus } from "./status-follower";
import { WidgetView } from "./widget-view";

export type * from "./qr-login-types";

/** A page left open must not make codes forever: this many without a click, then a button. */
const DEFAULT_AUTO_REFRESH_LIMIT = 3;
/** The service is the clock; this is only the fallback should its EXPIRED never arrive. */
const EXPIRY_GRACE_MS = 3000;
/** The service's "no such code" (3000): for a code followed past its end, read as expired. */
const QRCODE_NOT_FOUND = 3000;

export function mountQrLogin(element: HTMLElement, options: QrLoginOptions): QrLoginHandle {
  return new QrLoginWidget(element, options);
}

class QrLoginWidget implements QrLoginHandle {
  state: QrLoginState = "loading";
  private readonly type: QrCodeType;
  private readonly messages: Messages;
  private readonly view: WidgetView;
  /** Bumped by every new code and by destroy: answers for an older one are dropped. */
  private round = 0;
  private autoRefreshes = 0;
  private stopFollowing: () => void = () => undefined;
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;
  private transport: "websocket" | "polling" | undefined;
  private code: QrCodeInfo | undefined;

  constructor(
    element: HTMLElement,
    private readonly options: QrLoginOptions,
  ) {
    this.type = options.type ?? "MOBILE_APP";
    const locale = pickLocale(options.locale, navigator.languages ?? []);
    this.messages = messagesFor(locale);
    this.view = new WidgetView(element, options.size, () => this.refresh(), locale);
    document.addEventListener("visibilitychange", this.onVisibility);
    void this.start();
  }

  refresh(): void {
    // A click means someone is there: the automatic allowance starts over.
    this.autoRefreshes = 0;
    void this.start();
  }

  destroy(): void {
    this.round += 1;
    this.halt();
    document.removeEventListener("visibilitychange", this.onVisibility);
    this.view.destroy();
  }

  private readonly onVisibility = (): void => {
    if (this.state === "expired" && this.mayRefreshByItself()) {
      this.autoRefreshes += 1;
      void this.start();
    }
  };

  private async start(): Promise<void> {
    const round = ++this.round;
    this.halt();
    this.code = undefined;
    this.show("loading", this.messages.loading);
    let code: QrCodeInfo;
    try {
      const data = await postGraphQL<{ generateQRCode: QrCodeInfo }>(
        this.options.endpoint,
        this.options.appId,
        GENERATE,
        { input: this.generateInput() },
      );
      code = data.generateQRCode;
    } catch (error) {
      if (round === this.round) {
        this.fail(error);
      }
      return;
    }
    if (round !== this.round) {
      return;
    }
    this.code = code;
    await this.view.showImage(code.url, this.messages.imageAlt[this.type], code.customLogoUrl);
    if (round !== this.round) {
      return;
    }
    this.show("pending", this.messages.pending[this.type]);
    this.stopFollowing = followStatus({
      endpoint: this.options.endpoint,
      subscriptionEndpoint:
        this.options.subscriptionEndpoint ?? toWebSocketUrl(this.options.endpoint),
      appId: this.options.appId,
      qrcodeId: code.qrcodeId,
      transport: this.options.transport ?? "auto",
      onStatus: (update) => round === this.round && void this.onStatus(update, round),
      onTransport: (transport) => {
        const changed = this.transport !== undefined && this.transport !== transport;
        this.transport = transport;
        // A fall back to polling is news to the page (the state itself is unchanged).
        if (changed && round === this.round) {
          this.options.onStateChange?.(this.state, { code, transport });
        }
      },
      onError: (error) => {
        if (round !== this.round) {
          return;
        }
        if (error.apiCode === QRCODE_NOT_FOUND) {
          this.expire();
        } else {
          this.fail(error);
        }
      },
    });
    const untilExpiry = Date.parse(code.expiresAt) - Date.now() + EXPIRY_GRACE_MS;
    this.expiryTimer = setTimeout(() => round === this.round && this.expire(), untilExpiry);
  }

  private async onStatus(update: StatusUpdate, round: number): Promise<void> {
    switch (update.status) {
      case "PENDING":
        // The subscription opens with the current status: already shown.
        if (this.state !== "pending") {
          this.show("pending", this.messages.pending[this.type]);
        }
        return;
      case "SCANNED": {
        const name = update.briefUserInfo?.displayName;
        this.view.showAvatar(update.briefUserInfo?.photo);
        this.show("scanned", name ? this.messages.scannedBy(name) : this.messages.scanned, {
          briefUserInfo: update.briefUserInfo,
        });
        return;
      }
      case "CANCELLED":
        this.halt();
        // The reason (the scanner's, or the login hook's) is the service's English: it goes to
        // the page in the detail; the person reads the widget's own words, which say who
        // refused: the person on the phone, or the application.
        this.show(
          "cancelled",
          update.cancelledBy === "APPLICATION"
            ? this.messages.refusedByApplication
            : this.messages.cancelled,
          {
            offerNewCode: true,
            cancelReason: update.cancelReason,
            cancelledBy: update.cancelledBy,
          },
        );
        return;
      case "EXPIRED":
        this.expire();
        return;
      case "AUTHORIZED":
        this.halt();
        this.show("authorized", this.messages.authorized, {
          briefUserInfo: update.briefUserInfo,
        });
        await this.handOver(update.ticket ?? "", round);
    }
  }

  /** The ticket goes to the page's back end (confidential apps) or is exchanged here. */
  private async handOver(ticket: string, round: number): Promise<void> {
    try {
      if (this.options.onTicket) {
        await this.options.onTicket(ticket);
      } else if (this.options.onLogin) {
        const data = await postGraphQL<{ exchangeQRCodeTicket: QrLoginResult }>(
          this.options.endpoint,
          this.options.appId,
          EXCHANGE,
          { ticket },
        );
        if (round === this.round) {
          this.options.onLogin(data.exchangeQRCodeTicket);
        }
      }
    } catch (error) {
      if (round === this.round) {
        this.fail(error);
      }
    }
  }

  private expire(): void {
    this.halt();
    if (this.mayRefreshByItself()) {
      this.autoRefreshes += 1;
      void this.start();
      return;
    }
    this.show("expired", this.messages.expired, { offerNewCode: true });
  }

  private mayRefreshByItself(): boolean {
    const limit = this.options.autoRefreshLimit ?? DEFAULT_AUTO_REFRESH_LIMIT;
    return document.visibilityState === "visible" && this.autoRefreshes < limit;
  }

  private fail(error: unknown): void {
    this.halt();
    const failure =
      error instanceof GraphQLRequestError
        ? error
        : new GraphQLRequestError(error instanceof Error ? error.message : String(error));
    const text = failure.code === "NETWORK_ERROR" ? this.messages.error : failure.message;
    this.show("error", text, { offerNewCode: true, error: failure });
    this.options.onError?.({
      message: failure.message,
      code: failure.code,
      apiCode: failure.apiCode,
      requestId: failure.requestId,
    });
  }

  private halt(): void {
    this.stopFollowing();
    this.stopFollowing = () => undefined;
    clearTimeout(this.expiryTimer);
  }

  private show(state: QrLoginState, text: string, extra: ShowExtra = {}): void {
    this.state = state;
    const { offerNewCode, ...detail } = extra;
    const button = state === "error" ? this.messages.retry : this.messages.newCode;
    this.view.setState(state, text, offerNewCode ? button : undefined);
    this.options.onStateChange?.(state, { ...detail, code: this.code, transport: this.transport });
  }

  private generateInput(): Record<string, unknown> {
    const { extIdpConnId, customData, context } = this.options;
    return { type: this.type, extIdpConnId, customData, context };
  }
}

interface ShowExtra extends Omit<QrLoginStateDetail, "code" | "transport"> {
  readonly offerNewCode?: boolean;
}

function toWebSocketUrl(endpoint: string): string {
  const url = new URL(endpoint, location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString();
}
