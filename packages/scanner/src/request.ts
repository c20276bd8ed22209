/** One HTTP call the client needs made: always a POST of JSON to the service's GraphQL endpoint. */
export interface ScannerHttpRequest {
  readonly url: string;
  readonly method: "POST";
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What came back, with the body as text: the client parses it. */
export interface ScannerHttpResponse {
  readonly status: number;
  readonly body: string;
}

/**
 * How the client reaches the network, injected so that it runs wherever the phone side runs:
 * React Native and browsers (`fetchRequest(fetch)`), a WeChat mini program
 * (`wxRequest(wx)`), or anything else that can POST a string. It rejects only when no answer
 * came (no network, a timeout); an HTTP error status is an answer.
 */
export type RequestFunction = (request: ScannerHttpRequest) => Promise<ScannerHttpResponse>;

/** The part of the Fetch API the adapter uses (React Native, browsers, Node 18+). */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string },
) => Promise<{ readonly status: number; text(): Promise<string> }>;

/** A request function over the Fetch API: `fetchRequest(fetch)`. */
export function fetchRequest(fetchFunction: FetchLike): RequestFunction {
  return async ({ url, method, headers, body }) => {
    const response = await fetchFunction(url, { method, headers: { ...headers }, body });
    return { status: response.status, body: await response.text() };
  };
}

/** The part of a mini program's `wx` the adapter uses: `wx.request`. */
export interface WxLike {
  request(options: {
    url: string;
    method: "POST";
    header: Record<string, string>;
    data: string;
    /** Anything but "json": the body comes back as the text it was. */
    dataType: string;
    responseType: "text";
    timeout?: number;
    success(result: { statusCode: number; data: unknown }): void;
    fail(error: { errMsg: string }): void;
  }): unknown;
}

/**
 * A request function over a WeChat mini program's `wx.request`: `wxRequest(wx)`. The service's
 * host must be among the mini program's request domains (WeChat's console, "服务器域名").
 */
export function wxRequest(wx: WxLike, timeoutMs = 10_000): RequestFunction {
  return ({ url, method, headers, body }) =>
    new Promise((resolve, reject) => {
      wx.request({
        url,
        method,
        header: { ...headers },
        data: body,
        dataType: "text",
        responseType: "text",
        timeout: timeoutMs,
        success: ({ statusCode, data }) =>
          resolve({
            status: statusCode,
            body: typeof data === "string" ? data : JSON.stringify(data),
          }),
        fail: ({ errMsg }) => reject(new Error(`wx.request failed: ${errMsg}`)),
      });
    });
}
