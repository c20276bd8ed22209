/** What the fake WeChat can be told to do instead of answering well, once per injection. */
export type FakeWeChatFault =
  /** `{errcode, errmsg}` with HTTP 200, as WeChat answers errors (with a varying `rid`). */
  | { readonly errcode: number; readonly contentType?: string }
  /** A plain HTTP error status (WeChat's front end does this when overloaded). */
  | { readonly httpStatus: number }
  /** Bytes that are neither an image nor JSON. */
  | { readonly garbage: true }
  /** Answers normally, but only after `delayMs` (past the service's timeout, say). */
  | { readonly delayMs: number };

/** The API paths the fake serves, as WeChat spells them. */
export type FakeWeChatPath =
  | "/cgi-bin/stable_token"
  | "/wxa/getwxacodeunlimit"
  | "/sns/jscode2session"
  | "/cgi-bin/qrcode/create"
  | "/cgi-bin/user/info";

/** Faults waiting to be served, in order, per path. */
export class FaultQueue {
  private readonly queued = new Map<string, FakeWeChatFault[]>();

  add(path: FakeWeChatPath, fault: FakeWeChatFault, times = 1): void {
    const list = this.queued.get(path) ?? [];
    list.push(...Array.from({ length: times }, () => fault));
    this.queued.set(path, list);
  }

  next(path: string): FakeWeChatFault | undefined {
    return this.queued.get(path)?.shift();
  }

  clear(): void {
    this.queued.clear();
  }
}
