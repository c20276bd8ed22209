import { GenerateQrCodeDocument } from "../../src/__generated__/client";
import { DEMO_APPLICATION } from "../../src/config/demo-application";
import { type QRCodeSession } from "../../src/qrcode/qrcode.types";
import { memoryStores } from "../../src/store/memory/memory-stores";
import { ACME } from "../support/applications";
import { type GraphQLErrorBody, type RunningServer, startTestServer } from "../support/test-server";

const ACME_HEADERS = { "x-app-id": "acme", origin: "https://login.acme.test" };

function onlyError(response: {
  errors?: readonly GraphQLErrorBody[];
  headers: Headers;
}): GraphQLErrorBody {
  expect(response.errors).toHaveLength(1);
  const error = response.errors?.[0] as GraphQLErrorBody;
  expect(error.extensions.requestId).toBe(response.headers.get("x-request-id"));
  return error;
}

describe("GraphQL errors: every one names its cause with code, statusCode, apiCode and requestId", () => {
  let running: RunningServer;

  beforeAll(async () => {
    running = await startTestServer({ applications: [DEMO_APPLICATION, ACME] });
  });

  afterAll(() => running.close());

  it.each([
    [
      "customData on a WeChat type",
      { type: "WECHAT_MINIPROGRAM", customData: { a: 1 } },
      2001,
      "customData",
    ],
    ["context on MOBILE_APP", { type: "MOBILE_APP", context: { a: 1 } }, 2001, "context"],
    [
      "autoMergeQrCode on MOBILE_APP",
      { type: "MOBILE_APP", autoMergeQrCode: true },
      2001,
      "autoMergeQrCode",
    ],
    [
      "customData over 4 KiB",
      { type: "MOBILE_APP", customData: { big: "x".repeat(5000) } },
      2002,
      "customData",
    ],
    [
      "context six levels deep",
      { type: "WECHAT_MINIPROGRAM", context: { a: { b: { c: { d: { e: { f: 1 } } } } } } },
      2003,
      "context",
    ],
    ["an unknown extIdpConnId", { type: "MOBILE_APP", extIdpConnId: "nope" }, 2004, "extIdpConnId"],
    [
      "a disabled extIdpConnId",
      { type: "WECHAT_MINIPROGRAM", extIdpConnId: "acme-mp-off" },
      2005,
      "extIdpConnId",
    ],
    [
      "an extIdpConnId of another type",
      { type: "MOBILE_APP", extIdpConnId: "acme-mp" },
      2006,
      "extIdpConnId",
    ],
    ["an empty extIdpConnId", { type: "MOBILE_APP", extIdpConnId: "" }, 2000, "extIdpConnId"],
  ])("refuses %s as BAD_USER_INPUT naming the field", async (_case, input, apiCode, field) => {
    const response = await running.graphql(
      GenerateQrCodeDocument,
      { input } as never,
      ACME_HEADERS,
    );

    const error = onlyError(response);
    expect(error.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      statusCode: 400,
      apiCode,
      field,
    });
    expect(error.message).toContain(field);
    expect(response.data).toBeNull();
  });

  it("refuses a WeChat type when the application has no such connection", async () => {
    const response = await running.graphql(GenerateQrCodeDocument, {
      input: { type: "WECHAT_MINIPROGRAM" },
    });

    expect(onlyError(response).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      apiCode: 2007,
      field: "type",
    });
  });

  it.each([
    ["no x-app-id", { "x-app-id": "" }, { code: "BAD_USER_INPUT", statusCode: 400, apiCode: 2100 }],
    [
      "an unknown x-app-id",
      { "x-app-id": "ghost" },
      { code: "NOT_FOUND", statusCode: 404, apiCode: 2101 },
    ],
    [
      "an origin the application does not allow",
      { "x-app-id": "acme", origin: "https://evil.test" },
      { code: "FORBIDDEN", statusCode: 403, apiCode: 2102 },
    ],
  ])("refuses %s", async (_case, headers, extensions) => {
    const response = await running.graphql(
      GenerateQrCodeDocument,
      { input: { type: "MOBILE_APP" } },
      headers,
    );

    expect(onlyError(response).extensions).toMatchObject(extensions);
  });

  it("refuses a wrong enum value written in the query as a validation failure", async () => {
    const response = await running.graphql(
      "mutation { generateQRCode(input: { type: SMS }) { qrcodeId } }",
    );

    expect(response.status).toBe(400);
    const error = onlyError(response);
    expect(error.extensions).toMatchObject({
      code: "GRAPHQL_VALIDATION_FAILED",
      statusCode: 400,
      apiCode: 1003,
    });
    expect(error.message).toContain("SMS");
  });

  it("refuses a wrong enum value in variables as BAD_USER_INPUT naming the path", async () => {
    const response = await running.graphql(GenerateQrCodeDocument, {
      input: { type: "SMS" },
    } as never);

    expect(response.status).toBe(400);
    const error = onlyError(response);
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", apiCode: 1004 });
    expect(error.message).toContain("input.type");
  });

  it("refuses a missing required field", async () => {
    const response = await running.graphql(
      "mutation { generateQRCode(input: { customData: {} }) { qrcodeId } }",
    );

    const error = onlyError(response);
    expect(error.extensions).toMatchObject({ code: "GRAPHQL_VALIDATION_FAILED", apiCode: 1003 });
    expect(error.message).toContain("type");
  });

  it("refuses a non-object customData", async () => {
    const response = await running.graphql(GenerateQrCodeDocument, {
      input: { type: "MOBILE_APP", customData: [1] },
    } as never);

    expect(onlyError(response).extensions).toMatchObject({ code: "BAD_USER_INPUT", apiCode: 1004 });
  });

  it("refuses a query that does not parse", async () => {
    const response = await running.graphql("mutation { generateQRCode(");

    expect(response.status).toBe(400);
    expect(onlyError(response).extensions).toMatchObject({
      code: "GRAPHQL_PARSE_FAILED",
      apiCode: 1002,
    });
  });

  it.each([
    [
      "with too many aliases",
      `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: _service { sdl }`).join(" ")} }`,
      "aliases",
    ],
    [
      "nested past the depth limit",
      '{ __type(name: "Query") { fields { type { ofType { ofType { ofType { ofType { name } } } } } } } }',
      "depth",
    ],
  ])(
    "refuses operations %s with QUERY_TOO_COMPLEX naming the limit",
    async (_case, query, limit) => {
      const response = await running.graphql(query);

      expect(response.status).toBe(400);
      expect(onlyError(response).extensions).toMatchObject({
        code: "GRAPHQL_VALIDATION_FAILED",
        statusCode: 400,
        apiCode: 1007,
        limit,
      });
    },
  );

  it("lets a gateway's entity and SDL queries through the limits", async () => {
    const response = await running.graphql(
      "{ _service { sdl } _entities(representations: []) { ... on QRCode { qrcodeId status } } }",
    );

    expect(response.errors).toBeUndefined();
  });

  it("stops parsing an operation of more than 1000 tokens", async () => {
    const response = await running.graphql(`{ ${"__typename ".repeat(1001)} }`);

    expect(response.errors?.[0]?.extensions).toMatchObject({ apiCode: 1002 });
  });

  it("refuses a body that is not JSON, in the same error shape", async () => {
    const response = await fetch(`${running.baseUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-app-id": "demo" },
      body: '{"query": "mutation {',
    });

    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: GraphQLErrorBody[] };
    expect(onlyError({ ...body, headers: response.headers }).extensions).toMatchObject({
      code: "BAD_REQUEST",
      statusCode: 400,
      apiCode: 1001,
    });
  });

  it("refuses a JSON body without a query", async () => {
    const response = await fetch(`${running.baseUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"variables": {}}',
    });

    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: GraphQLErrorBody[] };
    expect(onlyError({ ...body, headers: response.headers }).extensions).toMatchObject({
      apiCode: 1001,
    });
  });

  it("refuses a body over 64 KiB with 413", async () => {
    const response = await fetch(`${running.baseUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `# ${"x".repeat(70_000)}\n{ __typename }` }),
    });

    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: GraphQLErrorBody[] };
    expect(body.errors[0]?.extensions).toMatchObject({ apiCode: 1006 });
  });

  it("answers an unknown route with 404 in the same shape", async () => {
    const response = await fetch(`${running.baseUrl}/nowhere`);

    expect(response.status).toBe(404);
    const body = (await response.json()) as { errors: GraphQLErrorBody[] };
    expect(body.errors[0]?.extensions).toMatchObject({ code: "NOT_FOUND", apiCode: 1005 });
  });

  it("keeps a sane x-request-id from the caller and echoes it", async () => {
    const response = await running.graphql("mutation { generateQRCode(", undefined, {
      "x-request-id": "trace-12345678",
    });

    expect(response.headers.get("x-request-id")).toBe("trace-12345678");
    expect(onlyError(response).extensions.requestId).toBe("trace-12345678");
  });

  it("replaces an x-request-id that is not sane", async () => {
    const response = await fetch(`${running.baseUrl}/healthz`, {
      headers: { "x-request-id": "<script>" },
    });

    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("unexpected failures", () => {
  function failingStores() {
    const stores = memoryStores();
    const sessions = Object.create(stores.sessions) as typeof stores.sessions;
    sessions.create = async (_session: QRCodeSession) => {
      throw new Error("connect ECONNREFUSED redis://:hunter2@10.0.0.5:6379");
    };
    return { ...stores, sessions };
  }

  it("are masked: no internals, no secrets, INTERNAL_SERVER_ERROR with its apiCode", async () => {
    const running = await startTestServer({ stores: failingStores() });
    try {
      const response = await running.graphql(GenerateQrCodeDocument, {
        input: { type: "MOBILE_APP" },
      });

      const error = onlyError(response);
      expect(error.message).toBe("Internal server error");
      expect(error.extensions).toEqual({
        code: "INTERNAL_SERVER_ERROR",
        statusCode: 500,
        apiCode: 1000,
        requestId: response.headers.get("x-request-id"),
      });
      expect(JSON.stringify(response)).not.toContain("hunter2");
    } finally {
      await running.close();
    }
  });
});
