import "reflect-metadata";

import { join } from "node:path";

import { type FastifyInstance, type FastifyRequest } from "fastify";

import { mintAppToken } from "./auth/mint-app-token";
import { DEMO_APP_TOKENS, DEMO_APPLICATION } from "./config/demo-application";
import { type ServiceConfig } from "./config/load-config";
import { createApolloServer } from "./graphql/apollo-server";
import { buildQRCodeSchema } from "./graphql/build-schema";
import { makeErrorFormatter } from "./graphql/format-error";
import { registerAppLinksRoutes } from "./http/app-links-route";
import { registerOpenApi } from "./http/authing/openapi";
import { registerAuthingV2Routes } from "./http/authing/v2-routes";
import { registerAuthingV3Routes } from "./http/authing/v3-routes";
import { parseAuthorization } from "./http/authorization-header";
import { clientAddress, trustFunction } from "./http/client-address";
import { registerCors } from "./http/cors";
import { createFastify } from "./http/create-fastify";
import { registerDemoRoutes } from "./http/demo-routes";
import { registerDevicePageRoute } from "./http/device-page-route";
import { explorerPage } from "./http/explorer-page";
import { registerGraphQLRoute } from "./http/graphql-route";
import { type Readiness, readinessOf, registerHealthRoutes } from "./http/health-routes";
import { registerHttpMetrics } from "./http/http-metrics";
import { registerImageRoute } from "./http/image-route";
import { registerJwksRoute } from "./http/jwks-route";
import { registerDeviceRoutes } from "./http/oauth/device-routes";
import { registerDiscoveryRoute } from "./http/oauth/discovery-route";
import { headerValue, lazyCaller } from "./http/request-caller";
import { registerScanPageRoute } from "./http/scan-page-route";
import { serveFolder } from "./http/static-folder";
import { SubscriptionContext } from "./http/subscription-context";
import { attachSubscriptionServer } from "./http/subscription-server";
import { webAssetsDir } from "./http/web-assets";
import { registerWeChatCallbackRoute } from "./http/wechat-callback-route";
import { MetricsServer } from "./metrics/metrics-server";
import { PrometheusMetrics } from "./metrics/prometheus-metrics";
import { noMetrics } from "./metrics/service-metrics";
import { BUILT_IN_CHANNELS } from "./qrcode/channels/built-in-channels";
import { type ChannelModule } from "./qrcode/channels/channel-module";
import { type Clock, systemClock } from "./qrcode/clock";
import { type Stores } from "./qrcode/ports/stores.port";
import { createServices } from "./services";
import { MemoryBudget } from "./store/memory/memory-budget";
import { openStores } from "./store/open-stores";

export interface ServerDependencies {
  readonly config: ServiceConfig;
  /** The storage backend; by default the one the config names (memory, or Redis). */
  readonly stores?: Stores;
  readonly clock?: Clock;
  /** The QR code types to run; by default the built-in ones. */
  readonly channels?: readonly ChannelModule[];
}

export interface GatewayServer {
  readonly http: FastifyInstance;
  /** Starts listening; resolves to the base URL actually bound (port 0 picks a free port). */
  listen(): Promise<string>;
  /** From now on `/readyz` answers 503 (everything else is still served): the first step of a
   * restart, so the load balancer stops sending traffic before `close`. */
  drain(): void;
  /** What `/readyz` would answer now. */
  readiness(): Promise<Readiness>;
  /** Where Prometheus scrapes, once listening; undefined with metrics off. */
  readonly metricsUrl: string | undefined;
  close(): Promise<void>;
}

export async function createServer(deps: ServerDependencies): Promise<GatewayServer> {
  const { config, channels = BUILT_IN_CHANNELS } = deps;
  const clock = deps.clock ?? systemClock;
  const trust = trustFunction(config.trustProxy);
  const http = createFastify({ logLevel: config.logLevel, trustProxy: trust });
  const metrics = config.metrics ? new PrometheusMetrics() : noMetrics;
  registerHttpMetrics(http, metrics);
  // One budget for all this process holds for clients: the memory store's codes, and the
  // waiting pages' sockets whatever the store.
  const budget = new MemoryBudget(clock, config.limits.memoryMaxBytes, {
    applications: config.applications.length,
  });
  const stores =
    deps.stores ??
    (await openStores(
      config.redis,
      clock,
      http.log,
      { maxCodes: config.memoryMaxCodes, budget },
      metrics,
    ));
  const services = createServices({
    config,
    stores,
    clock,
    logger: http.log,
    room: budget,
    metrics,
    channels,
  });
  const now = clock.now();
  if (services.signingKeys.ephemeral) {
    http.log.warn(
      { kid: services.signingKeys.signingAt(now).kid },
      config.redis
        ? "no signingKey configured: each replica signs with its own ephemeral key, so replicas cannot verify each other's tokens; configure signingKey"
        : "no signingKey configured: tokens are signed with an ephemeral key that dies with this process (fine for the demo only)",
    );
  }
  // A warning, not a refusal: a replica that restarts in the hour before a planned switch must
  // still start, and a key published at least 300 s ahead (the JWKS max-age) is already safe
  // for verifiers that honour the cache header.
  const aheadMs = (config.signingKeyPublishAheadSeconds ?? 3600) * 1000;
  for (const key of services.signingKeys.activatingWithin(now, aheadMs)) {
    http.log.warn(
      { kid: key.kid, activeFrom: new Date(key.activeFrom).toISOString() },
      `signing key ${key.kid} starts signing in ${Math.round((key.activeFrom - now) / 1000)} s, sooner than signingKeyPublishAheadSeconds: a verifier that cached the JWKS before it was published may reject its tokens until it fetches again`,
    );
  }

  await registerCors(http, config.applications);
  const schema = await buildQRCodeSchema(services, {
    introspection: config.introspection,
    channels,
  });
  const apollo = createApolloServer(schema, http.log, {
    jit: config.graphqlJit ? {} : false,
    introspection: config.introspection,
    inlineTraces: config.gatewaySecret !== undefined,
    metrics,
  });
  await apollo.start();

  const { applications } = services;
  const webDir = webAssetsDir();
  if (!webDir) {
    http.log.warn(
      "no built browser files (dist/web): run npm run build for the widget, demo and explorer",
    );
  }
  // The explorer is only useful where it can introspect the schema.
  const explorerHtml =
    webDir && config.introspection
      ? explorerPage(webDir, config.demoPages ? (config.applications[0]?.appId ?? null) : null)
      : undefined;
  registerGraphQLRoute(
    http,
    apollo,
    (request: FastifyRequest, fromGateway: boolean) => ({
      requestId: request.id,
      logger: request.log,
      clientIp: request.ip,
      fromGateway,
      services,
      caller: lazyCaller(
        applications,
        headerValue(request.headers["x-app-id"]),
        request.headers,
        request.ip,
      ),
      credentials: parseAuthorization(request.headers.authorization),
    }),
    config.gatewaySecret,
    explorerHtml,
  );
  const subscriptions = attachSubscriptionServer(
    http,
    schema,
    ({ requestId, upgrade, connectionParams }) =>
      new SubscriptionContext(
        requestId,
        services,
        upgrade,
        stringParam(connectionParams["x-app-id"] ?? connectionParams.appId),
        applications,
        http.log,
      ),
    makeErrorFormatter({
      hideSuggestions: !config.introspection,
      onRefusal: (name) => metrics.refused(name),
    }),
    {
      clientAddress: (request) => clientAddress(request, trust),
      connectionsPerAddress: config.limits.wsConnectionsPerAddress,
      connectionsInAll: config.limits.wsMaxConnections,
      pingIntervalMs: config.limits.wsPingIntervalMs,
      room: budget,
      subscriptionsPerConnection: config.limits.subscriptionsPerConnection,
      introspection: config.introspection,
    },
    metrics,
  );
  metrics.watch({
    pagesWaiting: () => services.statuses.feedsOpen,
    websocketsOpen: () => subscriptions.socketsOpen,
  });
  const metricsServer =
    metrics instanceof PrometheusMetrics ? new MetricsServer(metrics.registry) : undefined;
  let metricsUrl: string | undefined;
  registerImageRoute(http, services.images);
  const demoPages = config.demoPages && webDir !== undefined;
  registerScanPageRoute(http, services.qrcodes, {
    demoAppLink: demoPages,
    appLinks: config.appLinks,
  });
  registerAppLinksRoutes(http, config.appLinks, config.publicUrl);
  if (webDir) {
    await serveFolder(http, join(webDir, "widget"), "/widget/");
    await serveFolder(http, join(webDir, "explorer"), "/explorer/");
  }
  if (demoPages) {
    await registerDemoRoutes(http, {
      webDir,
      mintDemoAppToken: usesDemoApplication(config)
        ? (name) => mintAppToken(DEMO_APP_TOKENS, { sub: `demo:${name.toLowerCase()}`, name }, 600)
        : undefined,
    });
  }
  await registerWeChatCallbackRoute(http, services.wechatCallback);
  await registerOpenApi(http);
  const facade = { services, applications, clock, types: channels.map(({ type }) => type) };
  await http.register(async (api) => registerAuthingV3Routes(api, facade), { prefix: "/api/v3" });
  await http.register(async (api) => registerAuthingV2Routes(api, facade), {
    prefix: "/api/v2/qrcode",
  });
  registerJwksRoute(http, services.signingKeys, clock);
  registerDiscoveryRoute(http, config.publicUrl);
  registerDevicePageRoute(http);
  await registerDeviceRoutes(http, services.devices);
  let draining = false;
  const readiness = readinessOf(stores, () => draining);
  registerHealthRoutes(http, readiness);

  return {
    http,
    drain() {
      draining = true;
    },
    readiness,
    get metricsUrl() {
      return metricsUrl;
    },
    async listen() {
      if (metricsServer && config.metrics) {
        metricsUrl = await metricsServer.listen(config.metrics.port, config.metrics.host);
      }
      await http.listen({ port: config.port, host: config.host });
      const address = http.server.address();
      const port = typeof address === "object" && address ? address.port : config.port;
      return `http://127.0.0.1:${port}`;
    },
    async close() {
      await subscriptions.close();
      // Keep-alive connections busy when closing began become idle as their requests finish;
      // Node closes only the ones idle at the moment, so sweep until the server has closed.
      const sweeper = setInterval(() => http.server.closeIdleConnections(), 50);
      try {
        await http.close();
      } finally {
        clearInterval(sweeper);
      }
      await services.wechatCallback.drain();
      await apollo.stop();
      await services.close();
      await stores.close();
      budget.close();
      await metricsServer?.close();
    },
  };
}

/** The demo application's app-token secret is public: tokens for it are minted only when the
 * one application served checks app tokens with it (no config file; `npm run dev:wechat`). */
function usesDemoApplication(config: ServiceConfig): boolean {
  const [only, ...others] = config.applications;
  return others.length === 0 && only?.appTokens === DEMO_APPLICATION.appTokens;
}

function stringParam(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}
