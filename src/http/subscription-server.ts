import { type IncomingMessage } from "node:http";
import { type Duplex } from "node:stream";

import { type FastifyInstance } from "fastify";
import {
  type DocumentNode,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
} from "graphql";
import { LRUCache } from "lru-cache";
import { WebSocketServer } from "ws";

import { WEBSOCKET_BYTES } from "../config/limits";
import { AppError } from "../errors/app-error";
import { type GraphQLContext } from "../graphql/context";
import { errorCodeOf, extensionsOf, isExpectedError } from "../graphql/format-error";
import { leanSubscribe } from "../graphql/lean-subscribe";
import { operationLabels } from "../graphql/operation-metrics";
import { MAX_QUERY_TOKENS, queryLimitRules } from "../graphql/query-limits";
import { noMetrics, type ServiceMetrics } from "../metrics/service-metrics";
import { addressKey } from "../qrcode/address-key";
import { type ProcessRoom } from "../qrcode/ports/process-room.port";
import { serveGraphQLWs, type SocketExtra, type UpgradeInfo } from "./graphql-ws-socket";
import { requestIdFrom } from "./request-id";

export type ErrorFormatter = (
  formatted: GraphQLFormattedError,
  error: unknown,
) => GraphQLFormattedError;

/** What a subscription's context is made from: what its upgrade said, and `connectionParams`. */
export interface SubscriptionConnection {
  readonly requestId: string;
  readonly upgrade: UpgradeInfo;
  readonly connectionParams: Readonly<Record<string, unknown>>;
}

/** What one client may hold open over WebSocket (each refusal has its apiCode). */
export interface SubscriptionLimits {
  /** The client's address, by the same proxy rule as HTTP. */
  readonly clientAddress: (request: IncomingMessage) => string | undefined;
  readonly connectionsPerAddress: number;
  /** WebSockets of this process in all; each also holds `WEBSOCKET_BYTES` of the budget. */
  readonly connectionsInAll: number;
  readonly pingIntervalMs: number;
  readonly room: ProcessRoom;
  readonly subscriptionsPerConnection: number;
  /** With introspection off, a query sent over the socket may not introspect either. */
  readonly introspection: boolean;
}

export interface SubscriptionServer {
  /** WebSockets open now. */
  readonly socketsOpen: number;
  /** Closes every socket with 1012 (service restart), so clients reconnect elsewhere. */
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 64 * 1024;

/** A query text seen before, parsed and validated once. */
interface KnownQuery {
  readonly text: string;
  readonly document: DocumentNode;
}
/** Login pages send the same few subscription documents; parse and validate each once. */
const DOCUMENT_CACHE_SIZE = 500;

/**
 * graphql-ws over ws on the same server and path as HTTP GraphQL (`/graphql`). Errors leave
 * in the same shape as over HTTP: code, statusCode, apiCode and the connection's request id.
 */
export function attachSubscriptionServer(
  http: FastifyInstance,
  schema: GraphQLSchema,
  makeContext: (connection: SubscriptionConnection) => GraphQLContext,
  formatError: ErrorFormatter,
  limits: SubscriptionLimits,
  metrics: Pick<ServiceMetrics, "graphqlOperation" | "refused"> = noMetrics,
): SubscriptionServer {
  const perAddress = new Map<string, number>();
  const sockets = new WebSocketServer({
    // Upgrades are routed below: attached to the HTTP server, ws would also take on its errors.
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    // Refused before the upgrade, so a refused client holds no socket and no graphql-ws state.
    verifyClient: ({ req }, accept) => {
      const requestId = requestIdFrom(req.headers["x-request-id"]);
      const held = perAddress.get(addressKey(limits.clientAddress(req))) ?? 0;
      if (held >= limits.connectionsPerAddress) {
        const refusal = upgradeRefusal(requestId, perAddressRefusal(limits), metrics);
        accept(false, 429, refusal.body, refusal.headers);
        return;
      }
      if (
        sockets.clients.size >= limits.connectionsInAll ||
        !limits.room.tryTake(WEBSOCKET_BYTES)
      ) {
        const refusal = upgradeRefusal(requestId, exhaustedRefusal(limits), metrics);
        accept(false, 503, refusal.body, { ...refusal.headers, "Retry-After": "1" });
        return;
      }
      accept(true);
    },
  });
  http.server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (request.url?.split("?")[0] !== "/graphql") {
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(request, socket, head, (upgraded) =>
      sockets.emit("connection", upgraded, request),
    );
  });
  const requestIdOf = (ctx: { extra: SocketExtra }): string => ctx.extra.upgrade.requestId;
  const format = (requestId: string, errors: readonly GraphQLError[]) =>
    errors.map((error) => {
      if (!isExpectedError(error)) {
        http.log.error({ err: error, requestId }, "unexpected error in a GraphQL subscription");
      }
      const formatted = formatError(error.toJSON(), error);
      return { ...formatted, extensions: { ...formatted.extensions, requestId } };
    });

  const documents = new LRUCache<string, KnownQuery>({ max: DOCUMENT_CACHE_SIZE });
  const rules = [
    ...specifiedRules,
    ...queryLimitRules(),
    ...(limits.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
  ];
  const server = serveGraphQLWs(
    {
      schema,
      subscribe: leanSubscribe,
      // graphql-ws keeps each subscription's parsed message (its query text included) for the
      // subscription's life: a query text already known is handed out as the one copy cached.
      jsonMessageReviver: (key, value: unknown) =>
        key === "query" && typeof value === "string"
          ? (documents.peek(value)?.text ?? value)
          : value,
      // One parsed, validated, location-free document per distinct query, shared by every
      // subscription that sends it: graphql-ws would otherwise keep a full AST (tokens and
      // locations) alive per subscription, most of an idle subscription's memory.
      onSubscribe: (ctx, _id, payload) => {
        // graphql-ws has already entered this subscription in ctx.subscriptions.
        if (Object.keys(ctx.subscriptions).length > limits.subscriptionsPerConnection) {
          return [
            new GraphQLError("too many subscriptions on this connection", {
              originalError: new AppError(
                "SUBSCRIPTIONS_PER_CONNECTION_EXCEEDED",
                `one WebSocket may carry at most ${limits.subscriptionsPerConnection} subscriptions; open another connection or end one`,
                { limit: limits.subscriptionsPerConnection },
              ),
            }),
          ];
        }
        const cached = documents.get(payload.query);
        if (cached) {
          return argsFor(cached.document);
        }
        let document: DocumentNode;
        try {
          document = parse(payload.query, { noLocation: true, maxTokens: MAX_QUERY_TOKENS });
        } catch (error) {
          return [withCode(error as GraphQLError, "GRAPHQL_PARSE_FAILED")];
        }
        const invalid = validate(schema, document, rules);
        if (invalid.length > 0) {
          return invalid.map((error) => withCode(error, "GRAPHQL_VALIDATION_FAILED"));
        }
        documents.set(payload.query, { text: payload.query, document });
        return argsFor(document);

        function argsFor(parsed: DocumentNode) {
          // Coerced here, as Apollo does over HTTP, so a bad variable is BAD_USER_INPUT and not
          // an uncoded error from inside execution.
          const operation = getOperationAST(parsed, payload.operationName);
          const coerced = operation
            ? getVariableValues(
                schema,
                operation.variableDefinitions ?? [],
                payload.variables ?? {},
              )
            : undefined;
          if (coerced?.errors) {
            return coerced.errors.map((error) => withCode(error, "BAD_USER_INPUT"));
          }
          return {
            schema,
            document: parsed,
            variableValues: payload.variables,
            operationName: payload.operationName,
          };
        }
      },
      context: (ctx) =>
        makeContext({
          requestId: requestIdOf(ctx),
          upgrade: ctx.extra.upgrade,
          connectionParams: ctx.connectionParams ?? {},
        }),
      // Counted once an operation runs: a subscription as `ok` once its stream is open, a query
      // or mutation by its result; refused before it ran (limits, validation) in onError.
      onOperation: (_ctx, _id, _payload, args, result) => {
        const { field, kind } = operationLabels(
          getOperationAST(args.document, args.operationName) ?? undefined,
        );
        // graphql-ws awaits the operation before this hook; its type allows a promise anyway.
        const settled = result as Awaited<typeof result>;
        const error = Symbol.asyncIterator in settled ? undefined : settled.errors?.[0];
        metrics.graphqlOperation(field, kind, error ? errorCodeOf(error) : "ok");
      },
      onNext: (ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: format(requestIdOf(ctx), result.errors) } : undefined,
      onError: (ctx, _id, _payload, errors) => {
        const first = errors[0];
        metrics.graphqlOperation("other", "unknown", first ? errorCodeOf(first) : "ok");
        return format(requestIdOf(ctx), errors);
      },
    },
    sockets,
    http.log,
    {
      opened: (request) => {
        const clientIp = limits.clientAddress(request);
        const address = addressKey(clientIp);
        perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
        return {
          requestId: requestIdFrom(request.headers["x-request-id"]),
          headers: { origin: request.headers.origin, "user-agent": request.headers["user-agent"] },
          clientIp,
        };
      },
      closed: ({ clientIp }) => {
        limits.room.give(WEBSOCKET_BYTES);
        const address = addressKey(clientIp);
        const left = (perAddress.get(address) ?? 1) - 1;
        if (left > 0) {
          perAddress.set(address, left);
        } else {
          perAddress.delete(address);
        }
      },
    },
    limits.pingIntervalMs,
  );

  return {
    get socketsOpen() {
      return sockets.clients.size;
    },
    async close() {
      await server.dispose();
    },
  };
}

function perAddressRefusal(limits: SubscriptionLimits): AppError {
  return new AppError(
    "CONNECTIONS_PER_ADDRESS_EXCEEDED",
    `this address holds ${limits.connectionsPerAddress} WebSockets already; close one first`,
    { limit: limits.connectionsPerAddress },
  );
}

function exhaustedRefusal(limits: SubscriptionLimits): AppError {
  return new AppError(
    "WEBSOCKETS_EXHAUSTED",
    `this server holds as many WebSockets as it may (${limits.connectionsInAll}, or its memory budget); retry, and reach another replica`,
    { limit: limits.connectionsInAll },
  );
}

/** The HTTP answer to a refused upgrade, in the service's error shape. */
function upgradeRefusal(
  requestId: string,
  error: AppError,
  metrics: Pick<ServiceMetrics, "refused">,
): { body: string; headers: Record<string, string> } {
  metrics.refused(error.errorName);
  const body = JSON.stringify({
    errors: [
      {
        message: error.message,
        extensions: extensionsOf(error.errorName, error.details, requestId),
      },
    ],
  });
  return {
    body,
    // ws writes these over its own defaults, so the keys match its spelling.
    headers: { "Content-Type": "application/json; charset=utf-8", "x-request-id": requestId },
  };
}

/** Tags graphql-js's own errors with Apollo's codes, as Apollo Server does over HTTP. */
function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code },
  });
}
