import "reflect-metadata";

import { type ApolloServer, type GraphQLRequest } from "@apollo/server";
import { getIntrospectionQuery } from "graphql";
import { pino } from "pino";

import { loadConfig } from "../../../../src/config/load-config";
import { AppError } from "../../../../src/errors/app-error";
import { createApolloServer } from "../../../../src/graphql/apollo-server";
import { buildQRCodeSchema } from "../../../../src/graphql/build-schema";
import { type GraphQLContext } from "../../../../src/graphql/context";
import { systemClock } from "../../../../src/qrcode/clock";
import { resolveCaller } from "../../../../src/qrcode/resolve-caller";
import { createServices } from "../../../../src/services";
import { MemoryBudget } from "../../../../src/store/memory/memory-budget";
import { memoryStores } from "../../../../src/store/memory/memory-stores";

const logger = pino({ level: "silent" });
const services = createServices({
  config: loadConfig({ LOG_LEVEL: "silent" }),
  stores: memoryStores(),
  room: new MemoryBudget(systemClock),
  clock: systemClock,
  logger,
});
const demoCaller = resolveCaller(services.applications, "demo", {
  origin: undefined,
  userAgent: "jest",
  ip: "127.0.0.1",
});

function context(caller: GraphQLContext["caller"] = () => demoCaller): GraphQLContext {
  return {
    requestId: "test",
    logger,
    caller,
    clientIp: undefined,
    credentials: {},
    fromGateway: false,
    services,
  };
}

const GENERATE = `mutation Generate($input: GenerateQRCodeInput!) {
  generateQRCode(input: $input) { qrcodeId url customLogoUrl expiresAt __typename }
}`;

/** Operations whose answers must not depend on the executor, with the context each runs in. */
const CASES: ReadonlyArray<[string, GraphQLRequest, () => GraphQLContext]> = [
  [
    "a literal input with a JSON object",
    {
      query:
        'mutation { generateQRCode(input: { type: MOBILE_APP, customData: { school: "hust", n: [1, 2] } }) { qrcodeId url customLogoUrl expiresAt } }',
    },
    () => context(),
  ],
  [
    "an input in variables",
    { query: GENERATE, variables: { input: { type: "MOBILE_APP" } } },
    () => context(),
  ],
  [
    "a rule of the domain broken (customData on a WeChat type)",
    { query: GENERATE, variables: { input: { type: "WECHAT_MINIPROGRAM", customData: { a: 1 } } } },
    () => context(),
  ],
  [
    "a variable of the wrong enum value",
    { query: GENERATE, variables: { input: { type: "SMS" } } },
    () => context(),
  ],
  ["a variable missing", { query: GENERATE, variables: {} }, () => context()],
  [
    "a JSON object that is an array",
    { query: GENERATE, variables: { input: { type: "MOBILE_APP", customData: [1] } } },
    () => context(),
  ],
  [
    "tenancy refused in the context",
    { query: GENERATE, variables: { input: { type: "MOBILE_APP" } } },
    () =>
      context(() => {
        throw new AppError("APP_NOT_FOUND", "unknown x-app-id");
      }),
  ],
  [
    "an unexpected fault (masked)",
    { query: GENERATE, variables: { input: { type: "MOBILE_APP" } } },
    () =>
      context(() => {
        throw new Error("secret internals");
      }),
  ],
  [
    "an unknown code's status",
    { query: '{ qrCodeStatus(qrcodeId: "qc_unknownunknownunknownunknown00") { status ticket } }' },
    () => context(),
  ],
  [
    "fragments, aliases and @skip/@include",
    {
      query: `query Q($yes: Boolean!) { a: _service { ...S } b: _service @skip(if: $yes) { sdl } c: _service @include(if: $yes) { __typename } }
        fragment S on _Service { sdl }`,
      variables: { yes: true },
    },
    () => context(),
  ],
  [
    "one operation of several, by name",
    {
      query: "query One { _service { __typename } } query Two { _service { sdl } }",
      operationName: "Two",
    },
    () => context(),
  ],
  [
    "an entity reference for an unknown code",
    {
      query:
        'query { _entities(representations: [{ __typename: "QRCode", qrcodeId: "qc_unknownunknownunknownunknown00" }]) { ... on QRCode { status } } }',
    },
    () => context(),
  ],
  ["introspection", { query: getIntrospectionQuery() }, () => context()],
];

/** Values that are fresh on every run (ids, URLs, times) become their shape. */
function normalised(value: unknown): string {
  return JSON.stringify(value)
    .replace(/"qrcodeId":"[^"]+"/g, '"qrcodeId":"<id>"')
    .replace(/\/qrcode\/[A-Za-z0-9_-]+\.png/g, "/qrcode/<token>.png")
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, "<time>");
}

async function answer(
  server: ApolloServer<GraphQLContext>,
  request: GraphQLRequest,
  contextValue: GraphQLContext,
): Promise<string> {
  const response = await server.executeOperation(request, { contextValue });
  if (response.body.kind !== "single") {
    throw new Error("expected a single result");
  }
  return normalised({ status: response.http.status, ...response.body.singleResult });
}

describe("graphql-jit execution", () => {
  let interpreted: ApolloServer<GraphQLContext>;
  let compiled: ApolloServer<GraphQLContext>;

  beforeAll(async () => {
    const schema = await buildQRCodeSchema(services);
    interpreted = createApolloServer(schema, logger, { jit: { runsBeforeCompiling: Infinity } });
    compiled = createApolloServer(schema, logger, { jit: { runsBeforeCompiling: 0 } });
    await Promise.all([interpreted.start(), compiled.start()]);
  });

  afterAll(async () => {
    await Promise.all([interpreted.stop(), compiled.stop()]);
  });

  it.each(CASES)("answers %s exactly as graphql-js does", async (_name, request, makeContext) => {
    const expected = await answer(interpreted, request, makeContext());

    // Twice: the first run compiles, the second runs the cached plan.
    expect(await answer(compiled, request, makeContext())).toBe(expected);
    expect(await answer(compiled, request, makeContext())).toBe(expected);
  });

  it("answers each name of a shared document with its own operation", async () => {
    const query = "query One { _service { __typename } } query Two { _service { sdl } }";

    const one = await answer(compiled, { query, operationName: "One" }, context());
    const two = await answer(compiled, { query, operationName: "Two" }, context());

    expect(one).toContain("_Service");
    expect(two).toContain("sdl");
  });
});
