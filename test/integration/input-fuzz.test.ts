import fc from "fast-check";

import { demoUserToken } from "../support/login-flow";
import { expectCodedRefusal, postGraphQL, type RawAnswer } from "../support/raw-client";
import { type RunningServer, startTestServer } from "../support/test-server";

const GENERATE =
  "mutation ($input: GenerateQRCodeInput!) { generateQRCode(input: $input) { qrcodeId url } }";
const SCANNER_CALLS = ["scanQRCode", "confirmQRCode", "cancelQRCode"] as const;

/** Any JSON a client could send for a field: right types, wrong types, nesting, odd keys. */
const anyJson = fc.jsonValue({ maxDepth: 8 });
const oddKey = fc.constantFrom("__proto__", "constructor", "prototype", "", "a".repeat(300));
const anyObject = fc.oneof(
  fc.dictionary(fc.oneof(fc.string(), oddKey), anyJson, { maxKeys: 20 }),
  anyJson,
);
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 3 });

/** The one invariant: a result, or a coded refusal; never a 5xx, a stack or an uncoded error. */
function expectResultOrCodedRefusal(answer: RawAnswer): void {
  const parsed = JSON.parse(answer.body) as { data?: Record<string, unknown> | null };
  if (answer.status === 200 && parsed.data && Object.values(parsed.data).every(Boolean)) {
    return;
  }
  expectCodedRefusal(answer);
}

describe("property-based fuzzing of the public inputs (fast-check)", () => {
  let running: RunningServer;
  let token: string;

  beforeAll(async () => {
    running = await startTestServer({
      limits: { generateLimit: { perClientIp: 1_000_000, windowSeconds: 60 } },
    });
    token = await demoUserToken("fuzz", "Fuzz");
  });

  afterAll(() => running.close());

  it("generateQRCode answers a code or a coded refusal for any input", async () => {
    const input = fc.record(
      {
        type: fc.oneof(
          fc.constantFrom("MOBILE_APP", "WECHAT_MINIPROGRAM", "WECHAT_OFFICIAL_ACCOUNT"),
          anyJson,
        ),
        extIdpConnId: maybe(fc.oneof(fc.string({ maxLength: 80 }), anyJson)),
        customData: maybe(anyObject),
        context: maybe(anyObject),
        autoMergeQrCode: maybe(fc.oneof(fc.boolean(), anyJson)),
      },
      { requiredKeys: [] },
    );
    const headers = fc.record({
      origin: maybe(fc.oneof(fc.webUrl(), fc.string({ maxLength: 400 }), fc.constant("null"))),
      "user-agent": maybe(fc.string({ maxLength: 2000 })),
    });

    await fc.assert(
      fc.asyncProperty(input, headers, async (value, extra) => {
        const sent = Object.fromEntries(
          Object.entries(extra).filter(
            (entry): entry is [string, string] =>
              typeof entry[1] === "string" && /^[\t\x20-\x7e]*$/.test(entry[1]),
          ),
        );
        expectResultOrCodedRefusal(
          await postGraphQL(
            running.baseUrl,
            { query: GENERATE, variables: { input: value } },
            sent,
          ),
        );
      }),
      { numRuns: 500 },
    );
  });

  it("the scanner's calls answer a result or a coded refusal for any input and credential", async () => {
    const input = fc.record(
      {
        scanToken: fc.oneof(fc.string({ maxLength: 64 }), fc.base64String(), anyJson),
        wxCode: maybe(fc.oneof(fc.string({ maxLength: 200 }), anyJson)),
        displayName: maybe(fc.oneof(fc.string({ maxLength: 300 }), anyJson)),
        photo: maybe(fc.oneof(fc.webUrl(), anyJson)),
      },
      { requiredKeys: [] },
    );
    const authorization = fc.oneof(
      fc.constant(`Bearer ${token}`),
      fc.string({ maxLength: 200 }).map((text) => `Bearer ${text}`),
      fc.string({ maxLength: 200 }),
      fc.base64String({ maxLength: 300 }).map((text) => `Basic ${text}`),
    );

    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...SCANNER_CALLS),
        input,
        authorization,
        async (call, value, credential) => {
          const query = `mutation ($input: ScanQRCodeInput!) { ${call}(input: $input) { status } }`;
          const headers: Record<string, string> = /^[\t\x20-\x7e]*$/.test(credential)
            ? { authorization: credential }
            : {};
          expectResultOrCodedRefusal(
            await postGraphQL(running.baseUrl, { query, variables: { input: value } }, headers),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it("leaves the process alive and serving", async () => {
    expect((await fetch(`${running.baseUrl}/healthz`)).status).toBe(200);
  });
});
