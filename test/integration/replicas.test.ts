import { generateKeyPairSync } from "node:crypto";

import { createRemoteJWKSet, jwtVerify } from "jose";

import {
  ConfirmQrCodeDocument,
  ExchangeQrCodeTicketDocument,
  QrCodeStatusChangedDocument,
  QrCodeStatusDocument,
  ScanQrCodeDocument,
} from "../../src/__generated__/client";
import { mintAppToken } from "../../src/auth/mint-app-token";
import { type ChildServer, startChildServer, writeConfig } from "../support/child-server";
import { bearer, expectNoErrors, issueCode, onlyError } from "../support/login-flow";
import {
  clusterIsUp,
  deleteClusterKeys,
  deleteKeys,
  REDIS_CLUSTER_TEST_NODES,
  REDIS_TEST_URL,
  uniqueKeyPrefix,
} from "../support/redis";
import { subscribe, wsClient } from "../support/status-feed";
import { graphqlClient, type GraphQLEndpoint } from "../support/test-server";

const APP_TOKEN_SECRET = "replica-test-app-token-secret-0123456789";
const CONFIG = `
signingKey: { kid: replicas-test, privateKey: { env: QR_SIGNING_KEY } }
applications:
  - appId: demo
    name: Replicated
    appTokens: { issuer: replica-app, audience: demo, secret: { env: APP_TOKEN_SECRET } }
    connections: [{ id: app, type: MOBILE_APP }]
`;

/** The shared store under test: the local Redis, and the local cluster where it runs (CI). */
interface Backend {
  readonly name: string;
  readonly store: Record<string, string>;
  cleanUp(keyPrefix: string): Promise<void>;
}

const BACKENDS: Backend[] = [
  {
    name: "Redis",
    store: { REDIS_URL: REDIS_TEST_URL },
    cleanUp: deleteKeys,
  },
  ...(clusterIsUp()
    ? [
        {
          name: "a Redis Cluster",
          store: {
            REDIS_CLUSTER_NODES: REDIS_CLUSTER_TEST_NODES.map(
              ({ host, port }) => `${host}:${port}`,
            ).join(","),
          },
          cleanUp: deleteClusterKeys,
        },
      ]
    : []),
];

/** Two real server processes sharing the store, as replicas behind a load balancer do. */
describe.each(BACKENDS)("replicas sharing $name", ({ store, cleanUp }) => {
  const keyPrefix = uniqueKeyPrefix("replicas");
  const replicas: ChildServer[] = [];
  let a: GraphQLEndpoint;
  let b: GraphQLEndpoint;
  let alice: string;

  beforeAll(async () => {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const env = {
      QR_CONFIG: writeConfig("replicas.yaml", CONFIG),
      QR_SIGNING_KEY: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
      APP_TOKEN_SECRET,
      ...store,
      REDIS_KEY_PREFIX: keyPrefix,
      PUBLIC_URL: "http://qr.test",
    };
    replicas.push(...(await Promise.all([startChildServer(env), startChildServer(env)])));
    [a, b] = replicas.map((replica) => graphqlClient(replica.baseUrl)) as [
      GraphQLEndpoint,
      GraphQLEndpoint,
    ];
    alice = await mintAppToken(
      { issuer: "replica-app", audience: "demo", secret: APP_TOKEN_SECRET },
      { sub: "alice", name: "Alice" },
    );
  });

  afterAll(async () => {
    for (const replica of replicas) {
      replica.process.kill("SIGKILL");
    }
    await cleanUp(keyPrefix);
  });

  it("runs one login across both: generate and watch on A, image, scan, confirm and exchange on B", async () => {
    const code = await issueCode(a, { team: "blue" });
    const client = wsClient(a.baseUrl, { "x-app-id": "demo" });
    const feed = subscribe(client, QrCodeStatusChangedDocument, { qrcodeId: code.qrcodeId });
    await feed.next(1);

    const image = await fetch(`${b.baseUrl}/qrcode/${code.scanToken}.png`);
    expect(image.status).toBe(200);
    const input = { input: { scanToken: code.scanToken } };
    expectNoErrors((await b.graphql(ScanQrCodeDocument, input, bearer(alice))).errors);
    expectNoErrors((await b.graphql(ConfirmQrCodeDocument, input, bearer(alice))).errors);

    await feed.ended;
    expect(feed.events.map((event) => event.qrCodeStatusChanged.status)).toEqual([
      "PENDING",
      "SCANNED",
      "AUTHORIZED",
    ]);
    const ticket = feed.events[2]?.qrCodeStatusChanged.ticket ?? "";
    await client.dispose();

    const exchanged = await b.graphql(ExchangeQrCodeTicketDocument, { ticket });
    expectNoErrors(exchanged.errors);
    expect(exchanged.data?.exchangeQRCodeTicket.user.customData).toEqual({ team: "blue" });
    // A retry on the other replica (the first reply lost, say) replays the same login.
    const again = await a.graphql(ExchangeQrCodeTicketDocument, { ticket });
    expect(again.data?.exchangeQRCodeTicket).toEqual(exchanged.data?.exchangeQRCodeTicket);

    // Either replica's JWKS verifies the other's tokens: they share the configured key.
    const { payload } = await jwtVerify(
      exchanged.data?.exchangeQRCodeTicket.accessToken ?? "",
      createRemoteJWKSet(new URL(`${a.baseUrl}/.well-known/jwks.json`)),
      { issuer: "http://qr.test", audience: "demo" },
    );
    expect(payload.sub).toBe("alice");
  });

  it("paces polling across replicas: a poll on B right after one on A is too fast", async () => {
    const code = await issueCode(a);

    expectNoErrors((await a.graphql(QrCodeStatusDocument, { qrcodeId: code.qrcodeId })).errors);
    const second = await b.graphql(QrCodeStatusDocument, { qrcodeId: code.qrcodeId });

    expect(onlyError(second.errors).extensions).toMatchObject({ apiCode: 3020 });
  });

  it("finishes a login on B after A is killed mid-flow, with nothing lost", async () => {
    const victim = await startChildServer({
      QR_CONFIG: writeConfig("victim.yaml", CONFIG),
      QR_SIGNING_KEY: generateKeyPairSync("ec", { namedCurve: "P-256" })
        .privateKey.export({ format: "pem", type: "pkcs8" })
        .toString(),
      APP_TOKEN_SECRET,
      ...store,
      REDIS_KEY_PREFIX: keyPrefix,
    });
    const onVictim = graphqlClient(victim.baseUrl);
    const code = await issueCode(onVictim, { plan: "pro" });
    const input = { input: { scanToken: code.scanToken } };
    expectNoErrors((await onVictim.graphql(ScanQrCodeDocument, input, bearer(alice))).errors);

    victim.process.kill("SIGKILL");
    expect(await victim.exited).toBe("SIGKILL");

    expectNoErrors((await b.graphql(ConfirmQrCodeDocument, input, bearer(alice))).errors);
    const status = await b.graphql(QrCodeStatusDocument, { qrcodeId: code.qrcodeId });
    expect(status.data?.qrCodeStatus).toMatchObject({
      status: "AUTHORIZED",
      briefUserInfo: { displayName: "Alice" },
    });
    const exchanged = await b.graphql(ExchangeQrCodeTicketDocument, {
      ticket: status.data?.qrCodeStatus.ticket ?? "",
    });
    expectNoErrors(exchanged.errors);
    expect(exchanged.data?.exchangeQRCodeTicket.user).toMatchObject({
      id: "alice",
      customData: expect.objectContaining({ plan: "pro" }),
    });
  });
});
