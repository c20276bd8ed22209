import { ApolloServer } from "@apollo/server";
import { type GatewayGraphQLRequestContext } from "@apollo/server-gateway-interface";
import { buildSchema, printSchema } from "graphql";

/**
 * Pins `src/graphql/jit/patches/@apollo+server+5.5.1.patch`: Apollo built the gateway context's `response.http`
 * as an object literal with accessors, whose accessor pairs V8 allocates in old space, so every
 * request's context outlived scavenges (see docs/performance.md). The accessors now
 * sit on a prototype; they must still read and write the response's status.
 */
describe("Apollo's gateway request context (patched)", () => {
  it("keeps the status accessors on a prototype, and they still reach the response", async () => {
    const schema = buildSchema("type Query { ok: Boolean }");
    let seen: GatewayGraphQLRequestContext | undefined;
    const server = new ApolloServer({
      gateway: {
        onSchemaLoadOrUpdate(callback) {
          callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
          return () => undefined;
        },
        load: async () => ({
          executor: async (requestContext) => {
            seen = requestContext;
            const http = requestContext.response?.http as { status?: number };
            http.status = 203;
            return { data: { ok: true } };
          },
        }),
        stop: async () => undefined,
      },
    });
    await server.start();

    const response = await server.executeOperation({ query: "{ ok }" });
    await server.stop();

    const http = seen?.response?.http as object;
    expect(Object.getOwnPropertyDescriptor(http, "status")).toBeUndefined();
    expect(
      Object.getOwnPropertyDescriptor(Object.getPrototypeOf(http), "status")?.get,
    ).toBeDefined();
    expect(response.http.status).toBe(203);
  });
});
