import { SignJWT } from "jose";

import { DEMO_APP_TOKENS } from "../../src/config/demo-application";
import { demoUserToken, issueCode, type IssuedCode } from "../support/login-flow";
import { expectCodedRefusal, postGraphQL, type RawAnswer, rawFetch } from "../support/raw-client";
import { type RunningServer, startTestServer } from "../support/test-server";

/** One bad request and, where it is certain, the apiCode its refusal must carry. */
type Case = readonly [name: string, send: () => Promise<RawAnswer>, apiCode?: number];

const GENERATE =
  "mutation ($input: GenerateQRCodeInput!) { generateQRCode(input: $input) { qrcodeId } }";
const SCAN = "mutation ($input: ScanQRCodeInput!) { scanQRCode(input: $input) { status } }";
const CONFIRM = "mutation ($input: ScanQRCodeInput!) { confirmQRCode(input: $input) { status } }";
const CANCEL = "mutation ($input: ScanQRCodeInput!) { cancelQRCode(input: $input) { status } }";
const STATUS = "query ($id: String!) { qrCodeStatus(qrcodeId: $id) { status } }";
const EXCHANGE = "mutation ($t: String!) { exchangeQRCodeTicket(ticket: $t) { accessToken } }";
const WELL_FORMED_ID = "A".repeat(32);

function nested(levels: number): unknown {
  let value: unknown = { leaf: 1 };
  for (let index = 1; index < levels; index += 1) {
    value = { inner: value };
  }
  return value;
}

/** Written out by hand: JSON.stringify itself overflows the stack at such depths. */
function deepBody(levels: number): string {
  const customData = `${'{"inner":'.repeat(levels - 1)}{"leaf":1}${"}".repeat(levels - 1)}`;
  return `{"query":${JSON.stringify(GENERATE)},"variables":{"input":{"type":"MOBILE_APP","customData":${customData}}}}`;
}

const secret = new TextEncoder().encode(DEMO_APP_TOKENS.secret);
const token = (claims: Record<string, unknown>, key = secret, expires = "5m") =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(DEMO_APP_TOKENS.issuer)
    .setAudience(DEMO_APP_TOKENS.audience)
    .setSubject(String(claims.sub ?? "alice"))
    .setIssuedAt()
    .setExpirationTime(expires)
    .sign(key);
const unsigned = (payload: Record<string, unknown>) =>
  `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.`;

describe("the bad-input corpus: every refusal is coded, nothing is a 5xx, the process lives", () => {
  let running: RunningServer;
  let base: string;
  let code: IssuedCode;
  let alice: string;

  beforeAll(async () => {
    running = await startTestServer({
      limits: { generateLimit: { perClientIp: 100_000, windowSeconds: 60 } },
    });
    base = running.baseUrl;
    code = await issueCode(running);
    alice = await demoUserToken("alice", "Alice");
  });

  afterAll(() => running.close());

  const gql = (query: string, variables?: unknown, headers?: Record<string, string>) =>
    postGraphQL(base, { query, variables }, headers);
  const generate = (input: unknown, headers?: Record<string, string>) =>
    gql(GENERATE, { input }, headers);
  const literal = (input: string) =>
    gql(`mutation { generateQRCode(input: ${input}) { qrcodeId } }`);
  const scanner = (query: string, input: unknown, authorization?: string) =>
    gql(query, { input }, authorization === undefined ? {} : { authorization });

  const cases: Case[] = [
    // generateQRCode: types and enums
    ["type not in the enum (literal)", () => literal("{ type: SMS }"), 1003],
    ["type not in the enum (variable)", () => generate({ type: "SMS" }), 1004],
    ["type a number", () => generate({ type: 1 }), 1004],
    ["type null", () => generate({ type: null }), 1004],
    ["input missing", () => gql(GENERATE, {}), 1004],
    ["input null (literal)", () => literal("null"), 1003],
    ["an unknown input field", () => generate({ type: "MOBILE_APP", foo: 1 }), 1004],
    ["customData a string", () => generate({ type: "MOBILE_APP", customData: "x" }), 1004],
    ["customData an array", () => generate({ type: "MOBILE_APP", customData: [1, 2] }), 1004],
    ["customData a number", () => generate({ type: "MOBILE_APP", customData: 5 }), 1004],
    [
      "customData for a WeChat type",
      () => generate({ type: "WECHAT_MINIPROGRAM", customData: {} }),
    ],
    ["context for MOBILE_APP", () => generate({ type: "MOBILE_APP", context: { a: 1 } })],
    [
      "autoMergeQrCode for MOBILE_APP",
      () => generate({ type: "MOBILE_APP", autoMergeQrCode: true }),
    ],
    [
      "autoMergeQrCode a string",
      () => generate({ type: "MOBILE_APP", autoMergeQrCode: "yes" }),
      1004,
    ],
    ["extIdpConnId empty", () => generate({ type: "MOBILE_APP", extIdpConnId: "" })],
    [
      "extIdpConnId of 65 characters",
      () => generate({ type: "MOBILE_APP", extIdpConnId: "c".repeat(65) }),
    ],
    ["extIdpConnId unknown", () => generate({ type: "MOBILE_APP", extIdpConnId: "nope" })],
    ["extIdpConnId a number", () => generate({ type: "MOBILE_APP", extIdpConnId: 7 }), 1004],
    ["a WeChat type with no connection", () => generate({ type: "WECHAT_OFFICIAL_ACCOUNT" })],
    // generateQRCode: sizes, depth and keys
    [
      "customData of 5 KB",
      () => generate({ type: "MOBILE_APP", customData: { k: "x".repeat(5000) } }),
    ],
    ["customData 6 levels deep", () => generate({ type: "MOBILE_APP", customData: nested(6) })],
    ["customData 5,000 levels deep", () => postGraphQL(base, deepBody(5000)), 2003],
    [
      "customData with __proto__ (literal)",
      () => literal("{ type: MOBILE_APP, customData: { __proto__: { x: 1 } } }"),
      2000,
    ],
    [
      "customData with constructor (literal)",
      () => literal("{ type: MOBILE_APP, customData: { constructor: 1 } }"),
      2000,
    ],
    [
      "customData with prototype nested (literal)",
      () => literal("{ type: MOBILE_APP, customData: { a: { prototype: 1 } } }"),
      2000,
    ],
    [
      "customData with __proto__ in a JSON body",
      () =>
        postGraphQL(
          base,
          `{"query":${JSON.stringify(GENERATE)},"variables":{"input":{"type":"MOBILE_APP","customData":{"__proto__":{"x":1}}}}}`,
        ),
    ],
    [
      "a body of 70 KB",
      () => generate({ type: "MOBILE_APP", customData: { k: "x".repeat(70_000) } }),
      1006,
    ],
    // qrCodeStatus
    ["qrcodeId empty", () => gql(STATUS, { id: "" }), 2000],
    ["qrcodeId of 1,000 characters", () => gql(STATUS, { id: "q".repeat(1000) }), 2000],
    ["qrcodeId with emoji and spaces", () => gql(STATUS, { id: "💥 ' OR 1=1" }), 2000],
    ["qrcodeId null", () => gql(STATUS, { id: null }), 1004],
    ["qrcodeId a number", () => gql(STATUS, { id: 42 }), 1004],
    ["qrcodeId unknown", () => gql(STATUS, { id: WELL_FORMED_ID })],
    ["qrcodeId given the scan token", () => gql(STATUS, { id: code.scanToken })],
    // the scanner's calls
    ["scanToken empty", () => scanner(SCAN, { scanToken: "" }, `Bearer ${alice}`), 2000],
    [
      "scanToken of 1,000 characters",
      () => scanner(SCAN, { scanToken: "s".repeat(1000) }, `Bearer ${alice}`),
      2000,
    ],
    ["scanToken unknown", () => scanner(SCAN, { scanToken: WELL_FORMED_ID }, `Bearer ${alice}`)],
    [
      "scanToken given the qrcodeId",
      () => scanner(SCAN, { scanToken: code.qrcodeId }, `Bearer ${alice}`),
    ],
    ["scanToken missing (and no userCode)", () => scanner(SCAN, {}, `Bearer ${alice}`), 2000],
    ["no Authorization", () => scanner(SCAN, { scanToken: code.scanToken })],
    [
      "Authorization: Bearer and nothing",
      () => scanner(SCAN, { scanToken: code.scanToken }, "Bearer "),
    ],
    [
      "Authorization: Bearer garbage",
      () => scanner(SCAN, { scanToken: code.scanToken }, "Bearer garbage"),
    ],
    [
      "Authorization: Basic on a scanner call",
      () => scanner(SCAN, { scanToken: code.scanToken }, "Basic YTpi"),
    ],
    [
      "Authorization of 10 KB",
      () => scanner(SCAN, { scanToken: code.scanToken }, `Bearer ${"x".repeat(10_000)}`),
    ],
    [
      "an unsigned token (alg none)",
      async () =>
        scanner(
          SCAN,
          { scanToken: code.scanToken },
          `Bearer ${unsigned({ sub: "alice", iss: DEMO_APP_TOKENS.issuer, aud: DEMO_APP_TOKENS.audience, exp: 9e9 })}`,
        ),
    ],
    [
      "a token signed with another secret",
      async () =>
        scanner(
          SCAN,
          { scanToken: code.scanToken },
          `Bearer ${await token({}, new TextEncoder().encode("another-secret-of-sufficient-length!!"))}`,
        ),
    ],
    [
      "an expired token",
      async () =>
        scanner(SCAN, { scanToken: code.scanToken }, `Bearer ${await token({}, secret, "-1m")}`),
    ],
    [
      "a token with a 300-character sub",
      async () =>
        scanner(
          SCAN,
          { scanToken: code.scanToken },
          `Bearer ${await token({ sub: "u".repeat(300) })}`,
        ),
    ],
    [
      "confirm before scan",
      () => scanner(CONFIRM, { scanToken: code.scanToken }, `Bearer ${alice}`),
    ],
    [
      "cancel an unknown code",
      () => scanner(CANCEL, { scanToken: WELL_FORMED_ID }, `Bearer ${alice}`),
    ],
    [
      "displayName of the wrong type",
      () => scanner(SCAN, { scanToken: code.scanToken, displayName: 5 }, `Bearer ${alice}`),
      1004,
    ],
    // the ticket exchange
    ["ticket empty", () => gql(EXCHANGE, { t: "" }), 2000],
    ["ticket of 1,000 characters", () => gql(EXCHANGE, { t: "t".repeat(1000) }), 2000],
    ["ticket unknown", () => gql(EXCHANGE, { t: WELL_FORMED_ID })],
    ["ticket missing", () => gql(EXCHANGE, {}), 1004],
    [
      "ticket with a 10 KB clientSecret",
      () =>
        gql(
          `mutation ($t: String!, $s: String) { exchangeQRCodeTicket(ticket: $t, clientSecret: $s) { accessToken } }`,
          { t: WELL_FORMED_ID, s: "s".repeat(10_000) },
        ),
    ],
    // tenancy headers
    [
      "no x-app-id",
      () =>
        postGraphQL(
          base,
          { query: GENERATE, variables: { input: { type: "MOBILE_APP" } } },
          { "x-app-id": "" },
        ),
    ],
    ["an unknown x-app-id", () => generate({ type: "MOBILE_APP" }, { "x-app-id": "nobody" })],
    [
      "an x-app-id of 1,000 characters",
      () => generate({ type: "MOBILE_APP" }, { "x-app-id": "a".repeat(1000) }),
    ],
    [
      "an Origin that is not an origin",
      () => generate({ type: "MOBILE_APP" }, { origin: "https://login.test/path?x" }),
      2000,
    ],
    [
      "an Origin of 10 KB",
      () => generate({ type: "MOBILE_APP" }, { origin: `https://${"o".repeat(10_000)}.test` }),
      2000,
    ],
    [
      "an Origin with a script scheme",
      () => generate({ type: "MOBILE_APP" }, { origin: "javascript:alert(1)" }),
      2000,
    ],
    // malformed GraphQL requests
    ["a body that is not JSON", () => postGraphQL(base, "{not json")],
    ["a JSON array (batching)", () => postGraphQL(base, [{ query: "{ __typename }" }])],
    ["an empty body", () => postGraphQL(base, "")],
    ["query a number", () => postGraphQL(base, { query: 123 })],
    ["variables a string", () => postGraphQL(base, { query: STATUS, variables: "x" })],
    ["variables an array", () => postGraphQL(base, { query: STATUS, variables: [1] })],
    ["no query at all", () => postGraphQL(base, { variables: {} })],
    [
      "text/plain",
      () =>
        rawFetch(`${base}/graphql`, {
          method: "POST",
          headers: { "content-type": "text/plain", "x-app-id": "demo" },
          body: "{ __typename }",
        }),
    ],
    [
      "application/xml",
      () =>
        rawFetch(`${base}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/xml" },
          body: "<q/>",
        }),
      1008,
    ],
    [
      "a mutation over GET",
      () =>
        rawFetch(
          `${base}/graphql?query=${encodeURIComponent("mutation { generateQRCode(input: {type: MOBILE_APP}) { qrcodeId } }")}`,
          { headers: { "x-app-id": "demo", "apollo-require-preflight": "1" } },
        ),
    ],
    [
      "GET without a query",
      () => rawFetch(`${base}/graphql`, { headers: { "apollo-require-preflight": "1" } }),
    ],
    ["a query past 1,000 tokens", () => gql(`{ ${"__typename ".repeat(1200)} }`)],
    [
      "20 aliases",
      () =>
        gql(
          `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: qrCodeStatus(qrcodeId: "x") { status }`).join(" ")} }`,
        ),
      1007,
    ],
    ["60 directives", () => gql(`{ __typename ${"@skip(if: false) ".repeat(60)} }`)],
    ["an unknown field", () => gql("{ nothingHere }"), 1003],
    ["a syntax error", () => gql("mutation { generateQRCode("), 1002],
    [
      "an unknown operationName",
      () => postGraphQL(base, { query: "query A { __typename }", operationName: "B" }),
    ],
    [
      "two operations and no operationName",
      () => postGraphQL(base, { query: "query A { __typename } query B { __typename }" }),
    ],
    [
      "a subscription over HTTP",
      () => gql('subscription { qrCodeStatusChanged(qrcodeId: "x") { status } }'),
      1012,
    ],
    [
      "a subscription in a GET's query (Apollo's CSRF check would answer otherwise)",
      () =>
        rawFetch(
          `${base}/graphql?query=${encodeURIComponent('subscription { qrCodeStatusChanged(qrcodeId: "x") { status } }')}`,
          { headers: { "x-app-id": "demo" } },
        ),
      1012,
    ],
    [
      "a subscription asked for as an event stream (SSE)",
      () =>
        postGraphQL(
          base,
          { query: 'subscription { qrCodeStatusChanged(qrcodeId: "x") { status } }' },
          { accept: "text/event-stream" },
        ),
      1012,
    ],
    [
      "_entities with a representation of no type",
      () =>
        gql("query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }", {
          r: [{ qrcodeId: "x" }],
        }),
    ],
    // the image and scan routes
    ["an image that does not exist", () => rawFetch(`${base}/qrcode/${WELL_FORMED_ID}.png`), 3000],
    ["an image of another format", () => rawFetch(`${base}/qrcode/${code.scanToken}.gif`), 3000],
    ["an image asked by the qrcodeId", () => rawFetch(`${base}/qrcode/${code.qrcodeId}.png`), 3000],
    ["an image of size abc", () => rawFetch(`${base}/qrcode/${code.scanToken}.png?size=abc`)],
    ["an image of size 5", () => rawFetch(`${base}/qrcode/${code.scanToken}.png?size=5`)],
    ["an image of size 99999", () => rawFetch(`${base}/qrcode/${code.scanToken}.png?size=99999`)],
    [
      "an image path that climbs",
      () => rawFetch(`${base}/qrcode/%2e%2e%2f%2e%2e%2fetc%2fpasswd.png`),
    ],
    [
      "an image name of 300 characters",
      () => rawFetch(`${base}/qrcode/${"a".repeat(300)}.png`),
      1009,
    ],
    ["a scan link of 300 characters", () => rawFetch(`${base}/scan/${"a".repeat(300)}`), 1009],
    ["an unknown route", () => rawFetch(`${base}/admin`), 1005],
    ["a bad percent-encoding", () => rawFetch(`${base}/qrcode/%E0%A4%A.png`)],
  ];

  it("has at least 80 HTTP cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
  });

  // Every row with three values: jest takes a test function with more parameters than its row
  // has values for a callback-style test, and waits for a `done` that never comes.
  it.each(cases.map(([name, send, apiCode]) => [name, send, apiCode ?? null] as const))(
    "%s",
    async (_name, send, apiCode) => {
      expectCodedRefusal(await send(), apiCode ?? undefined);
    },
  );

  it("answers an unknown scan link with the human page, not a stack", async () => {
    const page = await rawFetch(`${base}/scan/${WELL_FORMED_ID}`);

    expect(page.status).toBe(404);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.body).not.toMatch(/\n\s+at /);
  });

  it("is still alive and serving", async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await issueCode(running)).qrcodeId).toEqual(expect.any(String));
  });
});
