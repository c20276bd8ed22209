import "reflect-metadata";

import { pino } from "pino";
import QRCode from "qrcode";

import { loadConfig } from "../src/config/load-config";
import { createApolloServer } from "../src/graphql/apollo-server";
import { createFastify } from "../src/http/create-fastify";
import { registerGraphQLRoute } from "../src/http/graphql-route";
import { systemClock } from "../src/qrcode/clock";
import { createServices } from "../src/services";
import { MemoryBudget } from "../src/store/memory/memory-budget";
import { memoryStores } from "../src/store/memory/memory-stores";
import { buildTrivialSchema } from "./trivial-resolver";

/**
 * The baselines, on the same server setup as the service (Fastify, our GraphQL route, Apollo,
 * a type-graphql schema built as a subgraph): a trivial mutation, and the obvious image route
 * that renders with `qrcode.toBuffer` on every request.
 */
async function main(): Promise<void> {
  // The same process tuning as the service's entry point: same server setup.
  const schema = await buildTrivialSchema();
  const services = createServices({
    config: loadConfig({ LOG_LEVEL: "warn" }),
    stores: memoryStores(),
    room: new MemoryBudget(systemClock),
    clock: systemClock,
    logger: pino({ level: "warn" }),
  });
  const http = createFastify({ logLevel: "warn", trustProxy: false });
  const apollo = createApolloServer(schema, http.log);
  await apollo.start();
  registerGraphQLRoute(
    http,
    apollo,
    (request) => ({
      requestId: request.id,
      logger: request.log,
      caller: () => {
        throw new Error("the baseline has no tenancy");
      },
      clientIp: undefined,
      credentials: {},
      fromGateway: false,
      // Never called by the trivial schema; real, so nothing differs but the schema.
      services,
    }),
    undefined,
  );
  http.get<{ Params: { token: string } }>("/obvious/:token", async (request, reply) => {
    const png = await QRCode.toBuffer(`http://localhost/scan/${request.params.token}`, {
      errorCorrectionLevel: "M",
    });
    return reply.type("image/png").send(png);
  });
  await http.listen({ port: Number(process.env.PORT ?? 4100), host: "127.0.0.1" });
  process.stdout.write("ready\n");
}

void main();
