import "reflect-metadata";

import { type ApolloServer, HeaderMap } from "@apollo/server";
import { pino } from "pino";

import { loadConfig } from "../src/config/load-config";
import { createApolloServer } from "../src/graphql/apollo-server";
import { buildQRCodeSchema } from "../src/graphql/build-schema";
import { type GraphQLContext } from "../src/graphql/context";
import { systemClock } from "../src/qrcode/clock";
import { resolveCaller } from "../src/qrcode/resolve-caller";
import { createServices } from "../src/services";
import { MemoryBudget } from "../src/store/memory/memory-budget";
import { memoryStores } from "../src/store/memory/memory-stores";
import { ONE_CLIENT_IS_MANY } from "./processes";
import { buildTrivialSchema } from "./trivial-resolver";

const GENERATE =
  'mutation { generateQRCode(input: { type: MOBILE_APP, customData: { school: "hust" } }) { qrcodeId url expiresAt } }';
const ROUNDS = 12;
const PER_ROUND = 2000;

/**
 * generateQRCode against the trivial mutation in one process, with no HTTP: Apollo's
 * `executeHTTPGraphQLRequest` in a loop, the two interleaved round by round, median of each.
 * On these shared machines a burst of someone else's work moves HTTP figures by tens of per
 * cent; here it hits both sides alike, so the ratio shows what the GraphQL layer and the domain
 * cost. Prints JSON: microseconds a request for each, and the ratio.
 */
async function main(): Promise<void> {
  const logger = pino({ level: "warn" });
  const config = loadConfig({ LOG_LEVEL: "warn", ...ONE_CLIENT_IS_MANY });
  const services = createServices({
    config,
    stores: memoryStores(),
    room: new MemoryBudget(systemClock),
    clock: systemClock,
    logger,
  });
  const ours = createApolloServer(await buildQRCodeSchema(services), logger);
  const trivial = createApolloServer(await buildTrivialSchema(), logger);
  await Promise.all([ours.start(), trivial.start()]);
  const request = { origin: undefined, userAgent: "bench", ip: "127.0.0.1" };
  const context = (): GraphQLContext => {
    const caller = resolveCaller(services.applications, "demo", request);
    return {
      requestId: "bench",
      logger,
      caller: () => caller,
      clientIp: undefined,
      credentials: {},
      fromGateway: false,
      services,
    };
  };
  const sides = [
    { server: trivial, query: "mutation { ping }", times: [] as number[] },
    { server: ours, query: GENERATE, times: [] as number[] },
  ];
  for (let round = 0; round <= ROUNDS; round++) {
    for (const side of sides) {
      const microseconds = await timeRequests(side.server, side.query, context);
      // Round 0 warms both up (JIT, caches) and is not counted.
      if (round > 0) {
        side.times.push(microseconds);
      }
    }
  }
  const [trivialUs, generateUs] = sides.map((side) => median(side.times)) as [number, number];
  process.stdout.write(
    `${JSON.stringify({ trivialUs, generateUs, ratio: trivialUs / generateUs })}\n`,
  );
  await Promise.all([ours.stop(), trivial.stop()]);
}

async function timeRequests(
  server: ApolloServer<GraphQLContext>,
  query: string,
  context: () => GraphQLContext,
): Promise<number> {
  const headers = new HeaderMap([["content-type", "application/json"]]);
  const start = performance.now();
  for (let i = 0; i < PER_ROUND; i++) {
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: "POST", headers, search: "", body: { query } },
      context: async () => context(),
    });
    if (response.body.kind !== "complete" || response.body.string.includes('"errors"')) {
      throw new Error(`${query} failed: ${JSON.stringify(response.body)}`);
    }
  }
  return ((performance.now() - start) * 1000) / PER_ROUND;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

void main();
