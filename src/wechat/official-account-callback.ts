import { AppError, assertThat } from "../errors/app-error";
import { type GenerateLimit } from "../qrcode/application";
import {
  type EventAnswer,
  type OfficialAccountEvents,
} from "../qrcode/channels/wechat-official-account/official-account-events";
import { type OfficialAccountOptions } from "../qrcode/channels/wechat-official-account/official-account-settings";
import { type Clock } from "../qrcode/clock";
import { type RateLimiter } from "../qrcode/ports/rate-limiter.port";
import { EventCrypto, EventCryptoError, signatureMatches, wechatSignature } from "./event-crypto";
import { encryptedReplyXml, EventXmlError, readEventXml, textReplyXml } from "./event-xml";
import { type PushReplayGuard } from "./push-replay-guard";

export type CallbackQuery = Readonly<Record<string, string | undefined>>;

export interface CallbackAnswer {
  readonly contentType: string;
  readonly body: string;
}

export interface CallbackOptions {
  readonly maxSkewSeconds: number;
  readonly limit: GenerateLimit;
  /** WeChat waits 5 s, then retries and shows the person an error: answer well before. */
  readonly answerWithinMs: number;
}

const SUCCESS: CallbackAnswer = { contentType: "text/plain", body: "success" };

/**
 * `/wechat/{connectionId}/callback`: WeChat's URL verification (GET) and event push (POST),
 * in plain, compatible and safe (AES) mode. Everything is checked before anything changes, and
 * the cheap checks that need no state first, so an unsigned flood spends nothing of the
 * account's: the connection, the signature, the timestamp, the mode, the XML and decryption,
 * then the replay memory, then the account's rate.
 */
export class OfficialAccountCallback {
  private readonly finishing = new Set<Promise<void>>();

  constructor(
    private readonly events: OfficialAccountEvents,
    private readonly rateLimiter: RateLimiter,
    private readonly replays: PushReplayGuard,
    private readonly clock: Clock,
    private readonly options: CallbackOptions,
    private readonly onLate: (error: unknown) => void,
  ) {}

  /**
   * Waits for the logins still finishing after WeChat was answered: WeChat will not deliver
   * them again, so a shutdown that dropped one would lose that login. (The process's own
   * shutdown deadline bounds the wait.)
   */
  async drain(): Promise<void> {
    await Promise.all([...this.finishing]);
  }

  /** GET: answers `echostr` when the signature is the token's. (No timestamp window: WeChat
   * verifies a URL once, when it is configured, and replaying the echo gains nothing.) */
  verify(connectionId: string, query: CallbackQuery): CallbackAnswer {
    const { token } = this.officialAccount(connectionId).settings.officialAccount;
    this.assertSigned(token, query);
    return { contentType: "text/plain", body: query.echostr ?? "" };
  }

  async receive(connectionId: string, query: CallbackQuery, body: Buffer): Promise<CallbackAnswer> {
    const { connection, settings } = this.officialAccount(connectionId);
    const account = settings.officialAccount;
    this.assertSigned(account.token, query);
    this.assertFresh(query.timestamp ?? "");
    const crypto = this.cryptoFor(account, settings.wechat.appId, query);
    const fields = this.readEvent(body.toString("utf8"), query, account.token, crypto);
    await this.replays.assertFirstOrRetry(connectionId, query, body);
    await this.assertWithinRate(connectionId);
    const answer = await this.answerInTime(
      this.events.handle(connection, {
        fromUser: fields.FromUserName ?? "",
        createTime: fields.CreateTime ?? "",
        msgType: fields.MsgType ?? "",
        event: fields.Event ?? "",
        eventKey: fields.EventKey ?? "",
      }),
    );
    if (!answer.reply) {
      return SUCCESS;
    }
    const xml = textReplyXml(
      fields.FromUserName ?? "",
      fields.ToUserName ?? "",
      answer.reply,
      new Date(this.clock.now()),
    );
    if (!crypto) {
      return { contentType: "application/xml", body: xml };
    }
    const encrypted = crypto.encrypt(xml);
    const timestamp = String(Math.floor(this.clock.now() / 1000));
    const nonce = query.nonce ?? "";
    const signature = wechatSignature(account.token, timestamp, nonce, encrypted);
    return {
      contentType: "application/xml",
      body: encryptedReplyXml(encrypted, signature, timestamp, nonce),
    };
  }

  private officialAccount(
    connectionId: string,
  ): NonNullable<ReturnType<OfficialAccountEvents["officialAccount"]>> {
    const account = this.events.officialAccount(connectionId);
    if (!account) {
      throw new AppError(
        "WECHAT_CALLBACK_NOT_FOUND",
        "no official account connection has this callback URL",
      );
    }
    return account;
  }

  /**
   * The mode is the connection's, never the request's: with an `encodingAESKey` configured, a
   * plain push (whose signature does not cover its body) would undo what safe mode is for.
   * WeChat's compatible mode carries the encrypted body too, and only that is read.
   */
  private cryptoFor(
    account: OfficialAccountOptions,
    wechatAppId: string,
    query: CallbackQuery,
  ): EventCrypto | undefined {
    const safe = query.encrypt_type === "aes";
    if (!account.encodingAESKey) {
      assertThat(
        !safe,
        "WECHAT_MESSAGE_INVALID",
        "a safe-mode push to a connection with no encodingAESKey",
      );
      return undefined;
    }
    assertThat(
      safe,
      "WECHAT_SAFE_MODE_REQUIRED",
      "this official account takes safe-mode pushes only (it has an encodingAESKey)",
    );
    return new EventCrypto(account.encodingAESKey, wechatAppId);
  }

  private async assertWithinRate(connectionId: string): Promise<void> {
    const { perClientIp: events, windowSeconds } = this.options.limit;
    const waitMs = await this.rateLimiter.consume(
      `wechat-callback:${connectionId}`,
      events,
      windowSeconds,
    );
    assertThat(
      waitMs === 0,
      "WECHAT_CALLBACK_RATE_LIMITED",
      `more than ${events} events in ${windowSeconds} s for this official account`,
    );
  }

  private assertSigned(token: string, query: CallbackQuery): void {
    const { timestamp = "", nonce = "" } = query;
    assertThat(
      signatureMatches(wechatSignature(token, timestamp, nonce), query.signature),
      "WECHAT_SIGNATURE_INVALID",
      "the signature is not this connection's token's",
    );
  }

  /** A captured push replayed later is refused. */
  private assertFresh(timestamp: string): void {
    const skew = Math.abs(this.clock.now() / 1000 - Number(timestamp));
    assertThat(
      /^\d{1,12}$/.test(timestamp) && skew <= this.options.maxSkewSeconds,
      "WECHAT_TIMESTAMP_STALE",
      `the timestamp is more than ${this.options.maxSkewSeconds} s from now`,
    );
  }

  /** The event's fields: the XML itself, or (safe mode) what its Encrypt value decrypts to,
   * after `msg_signature`, which covers the Encrypt value too, is checked. */
  private readEvent(
    text: string,
    query: CallbackQuery,
    token: string,
    crypto: EventCrypto | undefined,
  ): Record<string, string> {
    try {
      const outer = readEventXml(text);
      if (!crypto) {
        return outer;
      }
      const encrypted = outer.Encrypt ?? "";
      assertThat(
        signatureMatches(
          wechatSignature(token, query.timestamp ?? "", query.nonce ?? "", encrypted),
          query.msg_signature,
        ),
        "WECHAT_SIGNATURE_INVALID",
        "the msg_signature does not cover this Encrypt value with this connection's token",
      );
      return readEventXml(crypto.decrypt(encrypted));
    } catch (error) {
      if (error instanceof EventXmlError || error instanceof EventCryptoError) {
        throw new AppError(
          "WECHAT_MESSAGE_INVALID",
          `the push is not a readable event: ${error.message}`,
        );
      }
      throw error;
    }
  }

  /** A login that outlasts WeChat's patience (a slow login hook) goes on; WeChat is answered
   * `success` in time, and the login page still sees the result. */
  private async answerInTime(handling: Promise<EventAnswer>): Promise<EventAnswer> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<"late">((resolve) => {
      timer = setTimeout(() => resolve("late"), this.options.answerWithinMs);
    });
    try {
      const first = await Promise.race([handling, late]);
      if (first === "late") {
        const finishing = handling.then(
          () => undefined,
          (error: unknown) => this.onLate(error),
        );
        this.finishing.add(finishing);
        void finishing.finally(() => this.finishing.delete(finishing));
        return {};
      }
      return first;
    } finally {
      clearTimeout(timer);
    }
  }
}
