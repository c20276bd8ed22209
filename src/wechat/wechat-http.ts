import { AppError, isAppError } from "../errors/app-error";

export interface WeChatHttpOptions {
  /** `https://api.weixin.qq.com`, or a fake WeChat in tests and `npm run dev:wechat`. */
  readonly baseUrl: string;
  /** Every call is bounded: a login page waits on generation, and WeChat's callback on us. */
  readonly timeoutMs: number;
}

/** WeChat's answer, told apart by its bytes: WeChat labels error JSON inconsistently
 * (`application/json`, `…; encoding=utf-8`, even `text/plain`), so the header decides nothing. */
export type WeChatAnswer =
  | { readonly kind: "json"; readonly body: WeChatJson }
  | { readonly kind: "image"; readonly body: Buffer; readonly contentType: string };

export type WeChatJson = Readonly<Record<string, unknown>>;

export interface WeChatRequest {
  readonly method: "GET" | "POST";
  /** Carries `access_token` or `secret`: never logged, never in an error message. */
  readonly query: Readonly<Record<string, string>>;
  readonly json?: WeChatJson;
}

/** An image WeChat made is well under this; anything larger is not one. */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

/**
 * The one door to WeChat's HTTP API: Node's fetch (undici, keep-alive), a timeout on every
 * call, and answers classified by their bytes. Transport failures become WECHAT_UNAVAILABLE
 * without the URL (its query holds secrets).
 */
export class WeChatHttp {
  constructor(private readonly options: WeChatHttpOptions) {}

  async call(path: string, request: WeChatRequest): Promise<WeChatAnswer> {
    const url = new URL(path, this.options.baseUrl);
    for (const [name, value] of Object.entries(request.query)) {
      url.searchParams.set(name, value);
    }
    let bytes: Buffer;
    try {
      const response = await fetch(url, {
        method: request.method,
        headers: request.json ? { "content-type": "application/json" } : {},
        body: request.json ? JSON.stringify(request.json) : undefined,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      if (!response.ok) {
        await response.body?.cancel();
        throw unavailable(`WeChat answered HTTP ${response.status}`);
      }
      bytes = await readCapped(response);
    } catch (error) {
      throw isAppError(error) ? error : unavailable(describeFailure(error));
    }
    return classify(bytes);
  }
}

function classify(bytes: Buffer): WeChatAnswer {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return { kind: "image", body: bytes, contentType: "image/jpeg" };
  }
  if (bytes.subarray(0, 4).equals(PNG_SIGNATURE)) {
    return { kind: "image", body: bytes, contentType: "image/png" };
  }
  const text = bytes.toString("utf8").trimStart();
  if (text.startsWith("{")) {
    try {
      return { kind: "json", body: JSON.parse(text) as WeChatJson };
    } catch {
      // Falls through: a body that starts like JSON and is not is as useless as any other.
    }
  }
  throw unavailable("WeChat answered something that is neither an image nor JSON");
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

async function readCapped(response: Response): Promise<Buffer> {
  const declared = Number(response.headers.get("content-length") ?? 0);
  if (declared > MAX_ANSWER_BYTES) {
    await response.body?.cancel();
    throw unavailable("WeChat's answer is too large");
  }
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > MAX_ANSWER_BYTES) {
    throw unavailable("WeChat's answer is too large");
  }
  return bytes;
}

function describeFailure(error: unknown): string {
  const name = (error as { name?: string }).name;
  return name === "TimeoutError" || name === "AbortError"
    ? "WeChat did not answer in time"
    : "WeChat could not be reached";
}

function unavailable(message: string): AppError {
  return new AppError("WECHAT_UNAVAILABLE", message);
}

/** WeChat's errcode, 0 when the answer is a success (which may carry `errcode: 0`). */
export function errcodeOf(body: WeChatJson): number {
  return typeof body.errcode === "number" ? body.errcode : 0;
}
