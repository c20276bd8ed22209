import "reflect-metadata";

import { type FastifyInstance, type FastifyRequest } from "fastify";

import { type ServiceConfig } from "./config/load-config";
import { createApolloServer } from "./graphql/apollo-server";
import { buildFederatedSchema } from "./graphql/build-schema";
import { type GraphQLContext } from "./graphql/context";
import { createFastify } from "./http/create-fastify";
import { registerGraphQLRoute } from "./http/graphql-route";
import { registerHealthRoutes } from "./http/health-routes";
import { registerImageRoute } from "./http/image-route";
import { registerScanPageRoute } from "./http/scan-page-route";
import { type Clock, systemClock } from "./qrcode/clock";
import { QRCodeService } from "./qrcode/qrcode.service";
import { QRCodeImageService } from "./qrcode/qrcode-image.service";
import { applicationDirectory, resolveCaller } from "./qrcode/resolve-caller";
import { MemorySessionStore } from "./store/memory-session-store";
import { type SessionStore } from "./store/session-store.port";

export interface ServerDependencies {
  readonly config: ServiceConfig;
  readonly store?: SessionStore;
  readonly clock?: Clock;
}

export interface GatewayServer {
  readonly http: FastifyInstance;
  /** Starts listening; resolves to the base URL actually bound (port 0 picks a free port). */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** A finished or expired code stays readable this long, so a slow page still sees why. */
const RETENTION_AFTER_EXPIRY_MS = 5 * 60 * 1000;
const MAX_USER_AGENT_CHARS = 512;

export async function createServer(deps: ServerDependencies): Promise<GatewayServer> {
  const { config } = deps;
  const clock = deps.clock ?? systemClock;
  const store = deps.store ?? new MemorySessionStore(clock);
  const applications = applicationDirectory(config.applications);

  const http = createFastify(config);

  const qrcodes = new QRCodeService(store, clock, {
    publicUrl: config.publicUrl,
    retentionAfterExpiryMs: RETENTION_AFTER_EXPIRY_MS,
    applications,
  });
  const images = new QRCodeImageService(store, clock);
  const apollo = createApolloServer(await buildFederatedSchema({ qrcodes }), http.log);
  await apollo.start();

  const makeContext = (request: FastifyRequest): GraphQLContext => {
    let caller: ReturnType<GraphQLContext["caller"]> | undefined;
    return {
      requestId: request.id,
      logger: request.log,
      caller: () =>
        (caller ??= resolveCaller(applications, headerValue(request.headers["x-app-id"]), {
          origin: headerValue(request.headers.origin),
          userAgent: headerValue(request.headers["user-agent"])?.slice(0, MAX_USER_AGENT_CHARS),
          ip: request.ip,
        })),
    };
  };
  registerGraphQLRoute(http, apollo, makeContext);
  registerImageRoute(http, images);
  registerScanPageRoute(http, qrcodes);
  registerHealthRoutes(http, store);

  return {
    http,
    async listen() {
      await http.listen({ port: config.port, host: config.host });
      const address = http.server.address();
      const port = typeof address === "object" && address ? address.port : config.port;
      return `http://127.0.0.1:${port}`;
    },
    async close() {
      await http.close();
      await apollo.stop();
      await store.close();
    },
  };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
