import { createHash } from "node:crypto";

import { assertThat } from "../errors/app-error";
import { type SharedCache } from "../qrcode/ports/shared-cache.port";

/**
 * Remembers every accepted push's `(timestamp, nonce, signature)` for as long as its timestamp
 * is accepted. In plain mode WeChat's signature covers the query only, not the body: whoever
 * read one push URL (a proxy's access log keeps query strings) could post another body under it.
 * A triple seen before is good again only with the same body, which is WeChat retrying.
 */
export class PushReplayGuard {
  constructor(
    private readonly cache: SharedCache,
    /** The timestamp window is ± this: a triple is remembered for both sides of it. */
    private readonly maxSkewSeconds: number,
  ) {}

  async assertFirstOrRetry(
    connectionId: string,
    query: Readonly<Record<string, string | undefined>>,
    body: Buffer,
  ): Promise<void> {
    const { timestamp = "", nonce = "", signature = "" } = query;
    const bodyDigest = createHash("sha256").update(body).digest("base64url");
    const seen = await this.cache.putIfAbsent(
      `wechat-push:${connectionId}:${timestamp}:${nonce}:${signature}`,
      bodyDigest,
      2 * this.maxSkewSeconds * 1000 + 1000,
    );
    assertThat(
      seen === null || seen === bodyDigest,
      "WECHAT_PUSH_REPLAYED",
      "this push's timestamp, nonce and signature came before with another body",
    );
  }
}
