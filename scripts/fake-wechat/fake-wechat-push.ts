import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/** How the official account's server configuration is set, as WeChat knows it. */
export interface PushTarget {
  readonly callbackUrl: string;
  readonly token: string;
  readonly appId: string;
  readonly encodingAESKey?: string;
  readonly mode: "plain" | "compatible" | "safe";
}

/** One person's scan, as WeChat pushes it. */
export interface PushedEvent {
  readonly openid: string;
  readonly event: "SCAN" | "subscribe" | "unsubscribe" | "CLICK";
  readonly eventKey?: string;
  /** Seconds; the same value makes a retry of the same event. */
  readonly createTime?: number;
  readonly msgType?: string;
}

export interface PushAttempt {
  readonly status: number;
  readonly body: string;
  readonly ms: number;
}

/** WeChat waits this long for an answer, then retries (three tries in all). */
const WECHAT_WAIT_MS = 5000;
const WECHAT_TRIES = 3;

/**
 * Pushes an event to a service's callback as WeChat does: signed (and encrypted, in safe and
 * compatible mode), retried on a timeout or a bad answer, every answer recorded.
 */
export async function pushEvent(
  target: PushTarget,
  event: PushedEvent,
  options: { timestamp?: number } = {},
): Promise<PushAttempt[]> {
  const createTime = event.createTime ?? Math.floor(Date.now() / 1000);
  const inner = eventXml(event, createTime);
  const attempts: PushAttempt[] = [];
  for (let attempt = 0; attempt < WECHAT_TRIES; attempt += 1) {
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const nonce = String(Math.floor(Math.random() * 1e9));
    const query = new URLSearchParams({
      signature: sha1(target.token, timestamp, nonce),
      timestamp,
      nonce,
      openid: event.openid,
    });
    let body = inner;
    if (target.mode !== "plain" && target.encodingAESKey) {
      const encrypted = encrypt(target.encodingAESKey, target.appId, inner);
      query.set("encrypt_type", "aes");
      query.set("msg_signature", sha1(target.token, timestamp, nonce, encrypted));
      body =
        target.mode === "safe"
          ? `<xml><ToUserName><![CDATA[gh_fake]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`
          : inner.replace("</xml>", `<Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`);
    }
    const started = Date.now();
    const answer = await fetch(`${target.callbackUrl}?${query}`, {
      method: "POST",
      headers: { "content-type": "text/xml" },
      body,
      signal: AbortSignal.timeout(WECHAT_WAIT_MS),
    }).then(
      async (response) => ({ status: response.status, body: await response.text() }),
      () => ({ status: 0, body: "" }),
    );
    attempts.push({ ...answer, ms: Date.now() - started });
    if (answer.status === 200 && isGoodAnswer(answer.body)) {
      break;
    }
  }
  return attempts;
}

function isGoodAnswer(body: string): boolean {
  return body === "" || body === "success" || body.startsWith("<xml>");
}

function eventXml(event: PushedEvent, createTime: number): string {
  const key =
    event.eventKey === undefined ? "" : `<EventKey><![CDATA[${event.eventKey}]]></EventKey>`;
  return `<xml><ToUserName><![CDATA[gh_fake]]></ToUserName><FromUserName><![CDATA[${event.openid}]]></FromUserName><CreateTime>${createTime}</CreateTime><MsgType><![CDATA[${event.msgType ?? "event"}]]></MsgType><Event><![CDATA[${event.event}]]></Event>${key}</xml>`;
}

function sha1(...parts: string[]): string {
  return createHash("sha1")
    .update([...parts].sort().join(""))
    .digest("hex");
}

/** WeChat's safe-mode encryption, written out here independently of the service's. */
function encrypt(encodingAESKey: string, appId: string, message: string): string {
  const key = Buffer.from(`${encodingAESKey}=`, "base64");
  const text = Buffer.from(message);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(text.length);
  const plain = Buffer.concat([randomBytes(16), length, text, Buffer.from(appId)]);
  const padding = 32 - (plain.length % 32);
  const cipher = createCipheriv("aes-256-cbc", key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([
    cipher.update(Buffer.concat([plain, Buffer.alloc(padding, padding)])),
    cipher.final(),
  ]).toString("base64");
}

/** Decrypts a safe-mode reply's Encrypt value (to read what the service answered). */
export function decryptReply(encodingAESKey: string, encrypted: string): string {
  const key = Buffer.from(`${encodingAESKey}=`, "base64");
  const decipher = createDecipheriv("aes-256-cbc", key, key.subarray(0, 16)).setAutoPadding(false);
  const plain = Buffer.concat([
    decipher.update(Buffer.from(encrypted, "base64")),
    decipher.final(),
  ]);
  const unpadded = plain.subarray(0, plain.length - (plain[plain.length - 1] ?? 0));
  return unpadded.subarray(20, 20 + unpadded.readUInt32BE(16)).toString("utf8");
}
