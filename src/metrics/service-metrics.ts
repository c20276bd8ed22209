import { type ErrorName } from "../errors/error-table";
import { type LoginMetrics, noLoginMetrics } from "../qrcode/ports/login-metrics.port";

/** Which store a failure came from (`qrlogin_store_errors_total{backend}`). */
export type StoreBackend = "redis" | "redis-cluster" | "memory";

/** How many of something this process holds right now, read at each scrape. */
export interface LiveCounts {
  pagesWaiting(): number;
  websocketsOpen(): number;
}

/**
 * Everything the service counts for its operator: the domain's login facts, and what the
 * transports and adapters see. Counting only: never throws, never waits. `noMetrics` when
 * `METRICS_PORT=0`.
 */
export interface ServiceMetrics extends LoginMetrics {
  /** `route` is the route's pattern (`/qrcode/:file`), never a path with a token in it. */
  httpRequest(method: string, route: string, statusCode: number, seconds: number): void;
  /** `field` is the operation's root field; `outcome` `ok` or the first error's code. */
  graphqlOperation(field: string, kind: string, outcome: string): void;
  /** Any error answered to a client; the ones that are a limit firing are counted. */
  refused(name: ErrorName): void;
  /** `outcome` `ok`, WeChat's errcode, or `timeout`/`unreachable`. */
  wechatRequest(api: string, outcome: string, seconds: number): void;
  storeError(backend: StoreBackend): void;
  statusEventReceived(): void;
  /** Reads these at each scrape for the gauges. */
  watch(counts: LiveCounts): void;
}

export const noMetrics: ServiceMetrics = {
  ...noLoginMetrics,
  httpRequest: () => undefined,
  graphqlOperation: () => undefined,
  refused: () => undefined,
  wechatRequest: () => undefined,
  storeError: () => undefined,
  statusEventReceived: () => undefined,
  watch: () => undefined,
};

/** The refusals that are a limit firing: the Limits table of docs/configuration.md. */
export const LIMIT_REFUSALS: readonly ErrorName[] = [
  "GENERATE_RATE_LIMITED",
  "STORE_FULL",
  "CONNECTIONS_PER_ADDRESS_EXCEEDED",
  "WEBSOCKETS_EXHAUSTED",
  "SUBSCRIPTIONS_EXHAUSTED",
  "SCANNER_RATE_LIMITED",
  "SUBSCRIPTIONS_PER_CONNECTION_EXCEEDED",
  "SUBSCRIPTIONS_PER_CODE_EXCEEDED",
  "EXCHANGE_RATE_LIMITED",
  "POLLING_TOO_FAST",
  "WECHAT_CALLBACK_RATE_LIMITED",
];
