import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import { type AddressInfo } from "node:net";
import { join } from "node:path";

import { composeServices } from "@apollo/composition";
import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { createGatewayRuntime, getGraphQLWSOptions } from "@graphql-hive/gateway-runtime";
import gql from "graphql-tag";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";

/** A running gateway in front of the QR login subgraph. */
export interface RunningGateway {
  /** Where a browser sends GraphQL: `${baseUrl}/graphql`. */
  readonly baseUrl: string;
  close(): Promise<void>;
}

/**
 * What the gateway forwards so the subgraph sees the browser, not the gateway: the page's
 * origin (the subgraph checks `allowedOrigins` and shows it on the phone), its browser, the
 * scanner's credentials, the application, and the client's address appended to
 * `X-Forwarded-For` (the subgraph believes it with `TRUST_PROXY` naming the gateway).
 * docs/federation.md shows the same recipe.
 */
export const FORWARDED = ["origin", "user-agent", "authorization", "x-app-id"] as const;

function forwardedFor(incoming: string | null | undefined, peer: string | undefined): string {
  return [incoming, peer].filter(Boolean).join(", ");
}

function supergraphSdl(subgraphUrl: string): string {
  const composed = composeServices([
    {
      name: "qrcode",
      typeDefs: gql(readFileSync(join(__dirname, "../../schema/schema.graphql"), "utf8")),
      url: subgraphUrl,
    },
  ]);
  if (composed.errors) {
    throw new Error(composed.errors.map((error) => error.message).join("\n"));
  }
  return composed.supergraphSdl;
}

interface IncomingContext {
  readonly headers: IncomingMessage["headers"];
  readonly peer: string | undefined;
}

/** `@apollo/gateway` with the headers forwarded in `willSendRequest`. */
export async function startApolloGateway(subgraphUrl: string): Promise<RunningGateway> {
  const server = new ApolloServer<IncomingContext>({
    gateway: new ApolloGateway({
      supergraphSdl: supergraphSdl(subgraphUrl),
      buildService: ({ url }) =>
        new RemoteGraphQLDataSource<IncomingContext>({
          url,
          willSendRequest: ({ request, context }) => {
            for (const name of FORWARDED) {
              const value = context.headers?.[name];
              if (typeof value === "string") {
                request.http?.headers.set(name, value);
              }
            }
            const xff = context.headers?.["x-forwarded-for"];
            request.http?.headers.set(
              "x-forwarded-for",
              forwardedFor(typeof xff === "string" ? xff : undefined, context.peer),
            );
          },
        }),
    }),
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: "127.0.0.1" },
    context: async ({ req }) => ({ headers: req.headers, peer: req.socket.remoteAddress }),
  });
  return { baseUrl: url.replace(/\/$/, ""), close: () => server.stop() };
}

/** Hive Gateway (its runtime, as `hive-gateway` runs it) with the same headers forwarded by
 * `propagateHeaders`, and subscriptions: graphql-ws from the browser, graphql-ws to us. */
export async function startHiveGateway(subgraphUrl: string): Promise<RunningGateway> {
  const gateway = createGatewayRuntime<{ req?: IncomingMessage }>({
    supergraph: supergraphSdl(subgraphUrl),
    logging: false,
    transportEntries: {
      qrcode: {
        options: {
          subscriptions: {
            kind: "ws",
            location: "/graphql",
            // The subgraph reads the application from graphql-ws's connectionParams.
            options: { connectionParams: { "x-app-id": "{context.headers.x-app-id}" } },
          },
        },
      },
    },
    propagateHeaders: {
      fromClientToSubgraphs: ({ request, context }) => ({
        ...Object.fromEntries(FORWARDED.map((name) => [name, request.headers.get(name)])),
        "x-forwarded-for": forwardedFor(
          request.headers.get("x-forwarded-for"),
          context.req?.socket.remoteAddress,
        ),
      }),
    },
  });
  const server = createServer(gateway);
  const sockets = new WebSocketServer({ server, path: gateway.graphqlEndpoint });
  useServer(
    getGraphQLWSOptions<{ req?: IncomingMessage }, { request: IncomingMessage }>(
      gateway,
      (ctx) => ({
        req: ctx.extra.request,
      }),
    ),
    sockets,
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      sockets.close();
      await gateway.dispose();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
