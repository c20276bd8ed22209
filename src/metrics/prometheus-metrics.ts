import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

import { type ErrorName } from "../errors/error-table";
import { type TicketExchangeResult } from "../qrcode/ports/login-metrics.port";
import { type QRCodeSession, type QRCodeType } from "../qrcode/qrcode.types";
import {
  LIMIT_REFUSALS,
  type LiveCounts,
  type ServiceMetrics,
  type StoreBackend,
} from "./service-metrics";

/** From a quick scan-and-approve (seconds) to a person who went to find their phone. */
const LOGIN_SECONDS = [1, 2, 5, 10, 20, 30, 60, 120, 300];
const LIMITS: ReadonlySet<ErrorName> = new Set(LIMIT_REFUSALS);

/**
 * The metrics of docs/operations.md ("Watch"), in prom-client, each with bounded labels: an
 * application id, a QR type, a route pattern, an error code, a WeChat API: never a token, a
 * path or an address.
 */
export class PrometheusMetrics implements ServiceMetrics {
  readonly registry = new Registry();
  private readonly httpDuration = new Histogram({
    name: "http_request_duration_seconds",
    help: "HTTP requests by method, route pattern and status code",
    labelNames: ["method", "route", "status_code"],
    registers: [this.registry],
  });
  private readonly operations = new Counter({
    name: "graphql_operations_total",
    help: "GraphQL operations by root field, kind and outcome (ok or the error's code)",
    labelNames: ["field", "kind", "outcome"],
    registers: [this.registry],
  });
  private readonly generated = new Counter({
    name: "qrlogin_codes_generated_total",
    help: "QR codes generated",
    labelNames: ["type", "app"],
    registers: [this.registry],
  });
  private readonly statusChanges = new Counter({
    name: "qrlogin_status_changes_total",
    help: "Status changes of codes (EXPIRED: as a waiting page saw it)",
    labelNames: ["type", "app", "status"],
    registers: [this.registry],
  });
  private readonly loginDuration = new Histogram({
    name: "qrlogin_login_duration_seconds",
    help: "Time from a code's generation to its AUTHORIZED",
    labelNames: ["type", "app"],
    buckets: LOGIN_SECONDS,
    registers: [this.registry],
  });
  private readonly exchanges = new Counter({
    name: "qrlogin_ticket_exchanges_total",
    help: "Ticket exchanges: issued, replayed (the same tokens again) or refused",
    labelNames: ["app", "result"],
    registers: [this.registry],
  });
  private readonly rateLimited = new Counter({
    name: "qrlogin_rate_limited_total",
    help: "Requests refused by a limit (the limit's apiCode name)",
    labelNames: ["limit"],
    registers: [this.registry],
  });
  private readonly wechatRequests = new Counter({
    name: "qrlogin_wechat_requests_total",
    help: "Calls to WeChat by API and outcome (ok, WeChat's errcode, timeout, unreachable)",
    labelNames: ["api", "outcome"],
    registers: [this.registry],
  });
  private readonly wechatDuration = new Histogram({
    name: "qrlogin_wechat_request_duration_seconds",
    help: "Calls to WeChat by API",
    labelNames: ["api"],
    registers: [this.registry],
  });
  private readonly storeErrors = new Counter({
    name: "qrlogin_store_errors_total",
    help: "Store calls that failed (answered STORE_UNAVAILABLE)",
    labelNames: ["backend"],
    registers: [this.registry],
  });
  private readonly eventsReceived = new Counter({
    name: "qrlogin_status_events_received_total",
    help: "Status events this replica received from the store (only codes its pages watch)",
    registers: [this.registry],
  });
  private counts: LiveCounts | undefined;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const live = (): LiveCounts | undefined => this.counts;
    new Gauge({
      name: "qrlogin_pages_waiting",
      help: "Status subscriptions open on this replica",
      registers: [this.registry],
      collect() {
        this.set(live()?.pagesWaiting() ?? 0);
      },
    });
    new Gauge({
      name: "qrlogin_websockets_open",
      help: "WebSockets open on this replica",
      registers: [this.registry],
      collect() {
        this.set(live()?.websocketsOpen() ?? 0);
      },
    });
  }

  codeGenerated(type: QRCodeType, appId: string): void {
    this.generated.inc({ type, app: appId });
  }

  statusChanged(session: QRCodeSession, now: number): void {
    const labels = { type: session.type, app: session.appId };
    this.statusChanges.inc({ ...labels, status: session.status });
    if (session.status === "AUTHORIZED") {
      this.loginDuration.observe(labels, Math.max(0, now - session.createdAt) / 1000);
    }
  }

  ticketExchanged(appId: string, result: TicketExchangeResult): void {
    this.exchanges.inc({ app: appId, result });
  }

  httpRequest(method: string, route: string, statusCode: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status_code: statusCode }, seconds);
  }

  graphqlOperation(field: string, kind: string, outcome: string): void {
    this.operations.inc({ field, kind, outcome });
  }

  refused(name: ErrorName): void {
    if (LIMITS.has(name)) {
      this.rateLimited.inc({ limit: name });
    }
  }

  wechatRequest(api: string, outcome: string, seconds: number): void {
    this.wechatRequests.inc({ api, outcome });
    this.wechatDuration.observe({ api }, seconds);
  }

  storeError(backend: StoreBackend): void {
    this.storeErrors.inc({ backend });
  }

  statusEventReceived(): void {
    this.eventsReceived.inc();
  }

  watch(counts: LiveCounts): void {
    this.counts = counts;
  }
}
