import "reflect-metadata";

import { createServer as createNetServer } from "node:net";

import { type TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";

import { type AppLinks } from "../../src/config/app-links-schema";
import { DEMO_APPLICATION } from "../../src/config/demo-application";
import { parseLimits, type ServiceLimits } from "../../src/config/limits";
import { DEFAULT_MAX_CODES } from "../../src/config/limits";
import { type ServiceConfig } from "../../src/config/load-config";
import { type RedisConfig } from "../../src/config/redis-config";
import { type TrustProxy } from "../../src/config/trust-proxy";
import { type Application } from "../../src/qrcode/application";
import { type ChannelModule } from "../../src/qrcode/channels/channel-module";
import { type Clock } from "../../src/qrcode/clock";
import { type Stores } from "../../src/qrcode/ports/stores.port";
import { createServer, type GatewayServer } from "../../src/server";

/** Anything that answers GraphQL over HTTP: the in-process server, a child process, a gateway. */
export interface GraphQLEndpoint {
  readonly baseUrl: string;
  graphql<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables> | string,
    variables?: TVariables,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<TData>>;
}

export interface RunningServer extends GraphQLEndpoint {
  readonly server: GatewayServer;
  /** `/metrics` on its own port, when started with `metrics: true`. */
  readonly metricsUrl?: string;
  close(): Promise<void>;
}

export interface GraphQLResponse<TData> {
  readonly status: number;
  readonly headers: Headers;
  readonly data?: TData | null;
  readonly errors?: readonly GraphQLErrorBody[];
}

export interface GraphQLErrorBody {
  readonly message: string;
  readonly extensions: Record<string, unknown> & {
    code: string;
    statusCode: number;
    apiCode: number;
    requestId: string;
  };
}

export interface TestServerOptions {
  /** The QR code types to run; the built-in ones by default. */
  readonly channels?: readonly ChannelModule[];
  readonly applications?: readonly Application[];
  readonly clock?: Clock;
  /** A storage backend of the test's own (e.g. with a failing port). */
  readonly stores?: Stores;
  /** Run on Redis, as replicas do, instead of memory. */
  readonly redis?: RedisConfig;
  /** The memory store's bound (`MEMORY_MAX_CODES`). */
  readonly memoryMaxCodes?: number;
  readonly limits?: Partial<ServiceLimits>;
  readonly trustProxy?: TrustProxy;
  readonly introspection?: boolean;
  readonly graphqlJit?: boolean;
  readonly gatewaySecret?: string;
  /** A fake WeChat's base URL (test/support/fake-wechat). */
  readonly wechatBaseUrl?: string;
  readonly wechatTimeoutMs?: number;
  /** The home page and the demo pages (`DEMO_PAGES`); off unless asked. */
  readonly demoPages?: boolean;
  /** Where codes' links point; browser tests need the real address (`listenOnOwnUrl`). */
  readonly publicUrl?: string;
  readonly port?: number;
  /** Prometheus metrics on an ephemeral loopback port (`RunningServer.metricsUrl`). */
  readonly metrics?: boolean;
  /** The company's apps, for the well-known files and the scan page's store links. */
  readonly appLinks?: AppLinks;
}

/** The real server, on an ephemeral loopback port, with logs silenced. */
export async function startTestServer(options: TestServerOptions = {}): Promise<RunningServer> {
  const config: ServiceConfig = {
    port: options.port ?? 0,
    host: "127.0.0.1",
    metrics: options.metrics ? { port: 0, host: "127.0.0.1" } : undefined,
    publicUrl: options.publicUrl ?? "http://qr.test",
    logLevel: "silent",
    production: false,
    trustProxy: options.trustProxy ?? { kind: "none" },
    source: "test",
    applications: options.applications ?? [DEMO_APPLICATION],
    redis: options.redis,
    memoryMaxCodes: options.memoryMaxCodes ?? DEFAULT_MAX_CODES,
    // CI runs the integration tests once more with GRAPHQL_JIT=false (graphql-js alone).
    graphqlJit: options.graphqlJit ?? process.env.GRAPHQL_JIT !== "false",
    introspection: options.introspection ?? true,
    demoPages: options.demoPages ?? false,
    gatewaySecret: options.gatewaySecret,
    appLinks: options.appLinks,
    limits: { ...parseLimits({}), ...options.limits },
    wechat: {
      baseUrl: options.wechatBaseUrl ?? "http://127.0.0.1:9",
      timeoutMs: options.wechatTimeoutMs ?? 2000,
    },
  };
  const server = await createServer({
    config,
    clock: options.clock,
    stores: options.stores,
    channels: options.channels,
  });
  const baseUrl = await server.listen();
  return {
    server,
    baseUrl,
    metricsUrl: server.metricsUrl,
    graphql: graphqlClient(baseUrl).graphql,
    close: () => server.close(),
  };
}

/** A server whose links (image URLs, scan URLs) point at itself, as a browser must load them. */
export async function startSelfLinkedServer(
  options: TestServerOptions = {},
): Promise<RunningServer> {
  const port = await freePort();
  return startTestServer({ ...options, port, publicUrl: `http://127.0.0.1:${port}` });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
    probe.on("error", reject);
  });
}

/** The image path of a generated code's public URL, fetched from the test server. */
export function localImageUrl(baseUrl: string, publicImageUrl: string): string {
  return baseUrl + new URL(publicImageUrl).pathname;
}

/** POSTs to `${baseUrl}/graphql` as a login page does, with `x-app-id: demo` unless overridden. */
export function graphqlClient(baseUrl: string): GraphQLEndpoint {
  return {
    baseUrl,
    async graphql(document, variables, headers = {}) {
      const response = await fetch(`${baseUrl}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-app-id": "demo", ...headers },
        body: JSON.stringify({
          query: typeof document === "string" ? document : print(document),
          variables,
        }),
      });
      const body = (await response.json()) as { data?: never; errors?: GraphQLErrorBody[] };
      return { status: response.status, headers: response.headers, ...body };
    },
  };
}
