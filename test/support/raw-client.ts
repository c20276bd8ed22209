/** An HTTP answer as the corpus judges it: status, headers and the raw body. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

export async function rawFetch(url: string, init: RequestInit = {}): Promise<RawAnswer> {
  const response = await fetch(url, init);
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** POSTs any body to /graphql, as a careless or hostile client would. */
export function postGraphQL(
  baseUrl: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<RawAnswer> {
  return rawFetch(`${baseUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-app-id": "demo", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** The one invariant of bad input: a coded error, no 5xx, no stack, the request id. */
export function expectCodedRefusal(answer: RawAnswer, apiCode?: number): void {
  expect(answer.status).toBeLessThan(500);
  expect(answer.body).not.toMatch(/\n\s+at |"stack"/);
  const parsed = JSON.parse(answer.body) as {
    errors?: { message: string; extensions: Record<string, unknown> }[];
  };
  const error = parsed.errors?.[0];
  expect(error?.extensions).toMatchObject({
    code: expect.any(String),
    statusCode: expect.any(Number),
    apiCode: expect.any(Number),
    requestId: expect.any(String),
  });
  expect(error?.extensions.apiCode).not.toBe(1000);
  if (apiCode !== undefined) {
    expect(error?.extensions.apiCode).toBe(apiCode);
  }
}
