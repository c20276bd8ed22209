import { type TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";

import { type GraphQLErrorBody } from "./test-server";

/** Every message one subscription received, and how it ended. */
export interface FeedRecord<TData> {
  readonly events: TData[];
  readonly errors: GraphQLErrorBody[];
  /** Resolves when the server completes the subscription (or it errors). */
  readonly ended: Promise<void>;
  /** Resolves with the events once `count` have arrived. */
  next(count: number): Promise<TData[]>;
  dispose(): void;
}

/** A real graphql-ws client over ws, as a login page uses it. */
export function wsClient(baseUrl: string, connectionParams: Record<string, string>): Client {
  return createClient({
    url: `${baseUrl.replace(/^http/, "ws")}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: true,
  });
}

export function subscribe<TData, TVariables extends Record<string, unknown>>(
  client: Client,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
): FeedRecord<TData> {
  const events: TData[] = [];
  const errors: GraphQLErrorBody[] = [];
  const waiters: { count: number; resolve: (events: TData[]) => void }[] = [];
  const settle = () => {
    for (const waiter of [...waiters]) {
      if (events.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(events.slice(0, waiter.count));
      }
    }
  };
  let dispose: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => {
    dispose = client.subscribe<TData>(
      { query: print(document), variables },
      {
        next: (message) => {
          if (message.errors) {
            errors.push(...(message.errors as unknown as GraphQLErrorBody[]));
          }
          if (message.data) {
            events.push(message.data);
            settle();
          }
        },
        error: (error) => {
          errors.push(...((Array.isArray(error) ? error : [error]) as GraphQLErrorBody[]));
          resolve();
        },
        complete: () => resolve(),
      },
    );
  });
  return {
    events,
    errors,
    ended,
    next: (count) =>
      new Promise((resolve) => {
        waiters.push({ count, resolve });
        settle();
      }),
    dispose: () => dispose(),
  };
}
