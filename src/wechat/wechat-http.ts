import { Agent, request as undiciRequest } from "undici";

import { AppError, isAppError } from "../errors/app-error";
import { noMetrics, type ServiceMetrics } from "../metrics/service-metrics";

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
 * The one door to WeChat's HTTP API: undici's `request` on a keep-alive pool, a timeout on every
 * call, and answers classified by their bytes. Transport failures become WECHAT_UNAVAILABLE
 * without the URL (its query holds secrets). (Not `fetch` with `AbortSignal.timeout`: measured
 * at 1.1 ms of CPU a call against 0.23 ms, most of a mini program code's generation.)
 */
export class WeChatHttp {
  private readonly agent: Agent;

  constructor(
    private readonly options: WeChatHttpOptions,
    private readonly metrics: Pick<ServiceMetrics, "wechatRequest"> = noMetrics,
  ) {
    this.agent = new Agent({
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connectTimeout: options.timeoutMs,
    });
  }

  async call(path: string, request: WeChatRequest): Promise<WeChatAnswer> {
    const started = performance.now();
    let outcome = "unavailable";
    try {
      const answer = await this.send(path, request);
      outcome = answer.kind === "json" ? String(errcodeOf(answer.body) || "ok") : "ok";
      return answer;
    } finally {
      this.metrics.wechatRequest(
        path.replace(/^\//, ""),
        outcome,
        (performance.now() - started) / 1000,
      );
    }
  }

  private async send(path: string, request: WeChatRequest): Promise<WeChatAnswer> {
    const url = new URL(path, this.options.baseUrl);
    for (const [name, value] of Object.entries(request.query)) {
      url.searchParams.set(name, value);
    }
    let bytes: Buffer;
    try {
      const response = await undiciRequest(url, {
        dispatcher: this.agent,
        method: request.method,
        headers: request.json ? { "content-type": "application/json" } : {},
        body: request.json ? JSON.stringify(request.json) : undefined,
      });
      if (response.statusCode < 200 || response.statusCode > 299) {
        discard(response.body);
        throw unavailable(`WeChat answered HTTP ${response.statusCode}`);
      }
      bytes = await readCapped(response.body, response.headers["content-length"]);
    } catch (error) {
      throw isAppError(error) ? error : unavailable(describeFailure(error));
    }
    return classify(bytes);
  }

  close(): Promise<void> {
    return this.agent.close();
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

type ResponseBody = AsyncIterable<Buffer> & {
  destroy(): void;
  on(event: "error", listener: () => void): unknown;
};

/** Drops an answer unread; the aborted read's error is expected, and not a crash. */
function discard(body: ResponseBody): void {
  body.on("error", () => undefined);
  body.destroy();
}

async function readCapped(
  body: ResponseBody,
  contentLength: string | string[] | undefined,
): Promise<Buffer> {
  if (Number(contentLength ?? 0) > MAX_ANSWER_BYTES) {
    discard(body);
    throw unavailable("WeChat's answer is too large");
  }
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body) {
    length += chunk.length;
    if (length > MAX_ANSWER_BYTES) {
      discard(body);
      throw unavailable("WeChat's answer is too large");
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, length);
}

const TIMEOUT_CODES = new Set([
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_CONNECT_TIMEOUT",
]);

function describeFailure(error: unknown): string {
  return TIMEOUT_CODES.has((error as { code?: string }).code ?? "")
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
