import { loadConfig } from "../../src/config/load-config";
import { expectNoErrors, issueCode, onlyError } from "../support/login-flow";
import { productionEnv } from "../support/production-env";
import { type RunningServer, startTestServer } from "../support/test-server";

const GATEWAY_SECRET = "a-gateway-secret-of-at-least-32-bytes!";
const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on QRCode { qrcodeId status } }
}`;

const entities = (running: RunningServer, qrcodeIds: string[], headers = {}) =>
  running.graphql<{ _entities: unknown[] }, { representations: unknown[] }>(
    ENTITIES,
    { representations: qrcodeIds.map((qrcodeId) => ({ __typename: "QRCode", qrcodeId })) },
    headers,
  );

describe("the federation surface, to anyone but the gateway", () => {
  let running: RunningServer;

  beforeAll(async () => {
    running = await startTestServer({ gatewaySecret: GATEWAY_SECRET });
  });

  afterAll(() => running.close());

  it("refuses more than 100 representations in one _entities request", async () => {
    const code = await issueCode(running);

    const refused = await entities(running, Array(101).fill(code.qrcodeId));

    expect(onlyError(refused.errors).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      apiCode: 2000,
      field: "representations",
    });
  });

  it("paces entity lookups like polls, except for the gateway", async () => {
    const code = await issueCode(running);

    expect((await entities(running, [code.qrcodeId])).errors).toBeUndefined();
    const second = await entities(running, [code.qrcodeId]);
    expect(onlyError(second.errors).extensions).toMatchObject({ apiCode: 3020 });
    const gateway = { "x-gateway-secret": GATEWAY_SECRET };
    expect((await entities(running, [code.qrcodeId], gateway)).errors).toBeUndefined();
    expect((await entities(running, [code.qrcodeId], gateway)).errors).toBeUndefined();
  });

  it("sends resolver traces (ftv1) to the gateway only", async () => {
    const code = await issueCode(running);
    const ask = { "apollo-federation-include-trace": "ftv1" };

    const stranger = await running.graphql<unknown, unknown>(
      `{ qrCodeStatus(qrcodeId: "${code.qrcodeId}") { status } }`,
      {},
      ask,
    );
    const gateway = await running.graphql<unknown, unknown>(
      `{ _service { sdl } }`,
      {},
      { ...ask, "x-gateway-secret": GATEWAY_SECRET },
    );

    expect(JSON.stringify(stranger)).not.toContain("ftv1");
    expect(JSON.stringify(gateway)).toContain("ftv1");
  });
});

describe("in production (introspection off by default)", () => {
  let running: RunningServer;

  beforeAll(async () => {
    running = await startTestServer({ introspection: false, gatewaySecret: GATEWAY_SECRET });
  });

  afterAll(() => running.close());

  it("answers _service's SDL to the gateway only, and FORBIDDEN to anyone else", async () => {
    const stranger = await running.graphql("{ _service { sdl } }");
    const gateway = await running.graphql(
      "{ _service { sdl } }",
      {},
      { "x-gateway-secret": GATEWAY_SECRET },
    );

    expect(onlyError(stranger.errors).extensions).toMatchObject({
      code: "FORBIDDEN",
      statusCode: 403,
      apiCode: 1013,
    });
    expect(JSON.stringify(stranger)).not.toContain("generateQRCode");
    expectNoErrors(gateway.errors);
    expect(JSON.stringify(gateway.data)).toContain("generateQRCode");
  });

  it("refuses introspection and spells out no field names in errors", async () => {
    const introspection = await running.graphql("{ __schema { types { name } } }");
    const typo = await running.graphql('{ qrCodeStatu(qrcodeId: "x") { status } }');

    expect(onlyError(introspection.errors).extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(onlyError(typo.errors).message).not.toContain("Did you mean");
    expect(onlyError(typo.errors).message).toContain("qrCodeStatu");
  });

  it("keeps the config's production default: introspection off under NODE_ENV=production", () => {
    expect(loadConfig(productionEnv()).introspection).toBe(false);
    expect(loadConfig(productionEnv({ GRAPHQL_INTROSPECTION: "true" })).introspection).toBe(true);
    expect(loadConfig({}).introspection).toBe(true);
  });
});
