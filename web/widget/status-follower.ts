import { type Client, createClient } from "graphql-ws";

import { GraphQLRequestError, postGraphQL } from "./graphql-http";
import { STATUS, STATUS_CHANGED, type StatusUpdate } from "./operations";

export interface FollowOptions {
  readonly endpoint: string;
  readonly subscriptionEndpoint: string;
  readonly appId: string;
  readonly qrcodeId: string;
  readonly transport: "auto" | "poll";
  readonly onStatus: (update: StatusUpdate) => void;
  readonly onTransport: (transport: "websocket" | "polling") => void;
  readonly onError: (error: GraphQLRequestError) => void;
}

/** The pace before the service says otherwise (it answers POLLING_TOO_FAST with `retryAfterMs`). */
const FIRST_POLL_MS = 1000;
const MAX_BACKOFF_MS = 10_000;
const PACE_MARGIN_MS = 50;

const ENDED = new Set(["AUTHORIZED", "CANCELLED", "EXPIRED"]);
const RESTART_RETRIES = 3;
/** Spread over pages (times a random 0.5–1.5), so a restart's sockets do not return at once. */
const RESTART_RETRY_MS = 300;

/** A close that says "come back": 1012 (service restart), or 1001 (going away) from an older
 * replica. */
export function isRestart(event: unknown): boolean {
  const code = (event as { code?: unknown } | null)?.code;
  return code === 1012 || code === 1001;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Follows one code until it ends: by subscription over graphql-ws, and by polling when the
 * socket cannot open or drops (a proxy that blocks WebSocket, a flaky network). Returns `stop`.
 */
export function followStatus(options: FollowOptions): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let client: Client | undefined;

  const deliver = (update: StatusUpdate): void => {
    if (!stopped) {
      options.onStatus(update);
      if (ENDED.has(update.status)) {
        stop();
      }
    }
  };

  // The pace: 1 s until the service says otherwise. A POLLING_TOO_FAST tells the
  // application's interval (time since the last accepted poll plus the wait it asks for);
  // a margin keeps later polls clear of it.
  let intervalMs = FIRST_POLL_MS;
  let lastAcceptedSentAt: number | undefined;
  const poll = async (backoffMs: number): Promise<void> => {
    if (stopped) {
      return;
    }
    let waitMs = intervalMs;
    const sentAt = Date.now();
    try {
      const data = await postGraphQL<{ qrCodeStatus: StatusUpdate }>(
        options.endpoint,
        options.appId,
        STATUS,
        { qrcodeId: options.qrcodeId },
      );
      lastAcceptedSentAt = sentAt;
      deliver(data.qrCodeStatus);
      backoffMs = FIRST_POLL_MS;
    } catch (error) {
      const failure = error as GraphQLRequestError;
      if (failure.retryAfterMs !== undefined) {
        waitMs = failure.retryAfterMs + PACE_MARGIN_MS;
        const since = lastAcceptedSentAt === undefined ? intervalMs : sentAt - lastAcceptedSentAt;
        intervalMs = Math.max(intervalMs, since + failure.retryAfterMs + PACE_MARGIN_MS);
      } else if (failure.code === "NETWORK_ERROR" || failure.code === "SERVICE_UNAVAILABLE") {
        waitMs = backoffMs;
        backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
      } else {
        options.onError(failure);
        stop();
        return;
      }
    }
    if (!stopped) {
      timer = setTimeout(() => void poll(backoffMs), waitMs);
    }
  };

  let polling = false;
  const startPolling = (): void => {
    // graphql-ws may report one failed socket more than once (error, then close).
    if (!stopped && !polling) {
      polling = true;
      options.onTransport("polling");
      void poll(FIRST_POLL_MS);
    }
  };

  const subscribe = (): void => {
    client = createClient({
      url: options.subscriptionEndpoint,
      connectionParams: { "x-app-id": options.appId },
      lazy: true,
      // A replica that restarts closes with 1012: graphql-ws reconnects (through the load
      // balancer, so to a replica that stays) and subscribes again, and the first event is
      // the code's current status. Any other drop carries on by polling.
      retryAttempts: RESTART_RETRIES,
      shouldRetry: isRestart,
      retryWait: (retries) => delay(RESTART_RETRY_MS * (retries + 1) * (0.5 + Math.random())),
    });
    options.onTransport("websocket");
    client.subscribe<{ qrCodeStatusChanged: StatusUpdate }>(
      { query: STATUS_CHANGED, variables: { qrcodeId: options.qrcodeId } },
      {
        next: (result) => {
          const update = result.data?.qrCodeStatusChanged;
          const first = result.errors?.[0];
          if (update) {
            deliver(update);
          } else if (first) {
            options.onError(fromGraphQLError(first));
            stop();
          }
        },
        error: (error) => {
          if (Array.isArray(error) && error[0]) {
            options.onError(fromGraphQLError(error[0]));
            stop();
            return;
          }
          // The socket did not open, or dropped: carry on by polling.
          void client?.dispose();
          client = undefined;
          startPolling();
        },
        complete: () => undefined,
      },
    );
  };

  function stop(): void {
    stopped = true;
    clearTimeout(timer);
    void client?.dispose();
    client = undefined;
  }

  if (options.transport === "poll" || typeof WebSocket === "undefined") {
    startPolling();
  } else {
    subscribe();
  }
  return stop;
}

interface FormattedError {
  readonly message: string;
  readonly extensions?: Record<string, unknown>;
}

function fromGraphQLError({ message, extensions = {} }: FormattedError): GraphQLRequestError {
  const { code, apiCode, requestId } = extensions;
  return new GraphQLRequestError(
    message,
    typeof code === "string" ? code : undefined,
    typeof apiCode === "number" ? apiCode : undefined,
    typeof requestId === "string" ? requestId : undefined,
  );
}
