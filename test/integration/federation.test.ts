import { readFileSync } from "node:fs";
import { join } from "node:path";

import { composeServices } from "@apollo/composition";
import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { buildSubgraphSchema } from "@apollo/subgraph";
import gql from "graphql-tag";

import { GenerateQrCodeDocument } from "../../src/__generated__/client";
import { expectNoErrors } from "../support/login-flow";
import {
  graphqlClient,
  type GraphQLEndpoint,
  type RunningServer,
  startTestServer,
} from "../support/test-server";

/** A second subgraph, as another team's service would be: it knows a QRCode only by its key. */
const ACCOUNTS_SDL = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  type QRCode @key(fields: "qrcodeId", resolvable: false) {
    qrcodeId: String!
  }

  type Query {
    "The code a user's login page is showing (here: the id it is given)."
    pendingLogin(qrcodeId: String!): QRCode
  }
`;

interface GatewayContext {
  readonly appId?: string;
}

describe("composed into a federated graph with @apollo/gateway", () => {
  let qr: RunningServer;
  let accounts: ApolloServer;
  let gateway: ApolloServer<GatewayContext>;
  let viaGateway: GraphQLEndpoint;

  beforeAll(async () => {
    qr = await startTestServer();
    accounts = new ApolloServer({
      schema: buildSubgraphSchema({
        typeDefs: ACCOUNTS_SDL,
        resolvers: { Query: { pendingLogin: (_: unknown, args: { qrcodeId: string }) => args } },
      }),
    });
    const accountsUrl = (await startStandaloneServer(accounts, { listen: { port: 0 } })).url;

    const composed = composeServices([
      {
        name: "qrcode",
        typeDefs: gql(readFileSync(join(__dirname, "../../schema/schema.graphql"), "utf8")),
        url: `${qr.baseUrl}/graphql`,
      },
      { name: "accounts", typeDefs: ACCOUNTS_SDL, url: accountsUrl },
    ]);
    if (composed.errors) {
      throw new Error(composed.errors.map((error) => error.message).join("\n"));
    }
    gateway = new ApolloServer<GatewayContext>({
      gateway: new ApolloGateway({
        supergraphSdl: composed.supergraphSdl,
        // The gateway passes the login page's application on to the subgraph.
        buildService: ({ url }) =>
          new RemoteGraphQLDataSource<GatewayContext>({
            url,
            willSendRequest: ({ request, context }) => {
              if (context.appId) {
                request.http?.headers.set("x-app-id", context.appId);
              }
            },
          }),
      }),
    });
    const { url } = await startStandaloneServer(gateway, {
      listen: { port: 0 },
      context: async ({ req }) => ({ appId: req.headers["x-app-id"] as string | undefined }),
    });
    viaGateway = graphqlClient(url.replace(/\/$/, "").replace(/\/graphql$/, ""));
  });

  afterAll(async () => {
    await gateway?.stop();
    await accounts?.stop();
    await qr?.close();
  });

  it("runs generateQRCode through the gateway, and resolves QRCode entities from another subgraph", async () => {
    const generated = await viaGateway.graphql(GenerateQrCodeDocument, {
      input: { type: "MOBILE_APP" },
    });
    expectNoErrors(generated.errors);
    const qrcodeId = generated.data?.generateQRCode.qrcodeId ?? "";

    const joined = await viaGateway.graphql<
      { pendingLogin: { qrcodeId: string; status: string; expiresAt: string } },
      { id: string }
    >(`query ($id: String!) { pendingLogin(qrcodeId: $id) { qrcodeId status expiresAt } }`, {
      id: qrcodeId,
    });

    expectNoErrors(joined.errors);
    expect(joined.data?.pendingLogin).toEqual({
      qrcodeId,
      status: "PENDING",
      expiresAt: generated.data?.generateQRCode.expiresAt,
    });
  });
});
