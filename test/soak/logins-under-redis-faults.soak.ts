import { generateKeyPairSync } from "node:crypto";

import {
  ConfirmQrCodeDocument,
  ExchangeQrCodeTicketDocument,
  GenerateQrCodeDocument,
  QrCodeStatusDocument,
  ScanQrCodeDocument,
} from "../../src/__generated__/client";
import { mintAppToken } from "../../src/auth/mint-app-token";
import { type ChildServer, startChildServer, writeConfig } from "../support/child-server";
import { deleteKeys, REDIS_TEST_ADDRESS, uniqueKeyPrefix } from "../support/redis";
import { TcpProxy } from "../support/tcp-proxy";
import { graphqlClient, type GraphQLEndpoint, type GraphQLErrorBody } from "../support/test-server";

const SOAK_SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const WORKERS = 12;
const APP_TOKEN_SECRET = "soak-app-token-secret-0123456789abcdef";
/** Faults a replica may answer while Redis falters; a client retries them. */
const RETRYABLE = new Set([5000, 5002]);

interface Counts {
  started: number;
  confirmed: number;
  exchanged: number;
  lost: number;
  doubled: number;
  retries: number;
  gaveUp: number;
  refusals: Record<string, number>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Two replicas share Redis through a proxy; workers run whole logins on random replicas while
 * Redis is stalled past the command timeout and then cut. Every login whose page saw
 * AUTHORIZED must exchange its ticket for exactly one token set.
 */
describe("soak: logins on two replicas while Redis stalls and drops", () => {
  const keyPrefix = uniqueKeyPrefix("soak");
  const proxy = new TcpProxy(REDIS_TEST_ADDRESS.host, REDIS_TEST_ADDRESS.port);
  const replicas: ChildServer[] = [];
  let endpoints: GraphQLEndpoint[];
  let token: string;

  beforeAll(async () => {
    await proxy.start();
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const env = {
      QR_CONFIG: writeConfig(
        "soak.yaml",
        `signingKey: { kid: soak, privateKey: { env: QR_SIGNING_KEY } }
applications:
  - appId: demo
    name: Soak
    appTokens: { issuer: soak-app, audience: demo, secret: { env: APP_TOKEN_SECRET } }
    connections: [{ id: app, type: MOBILE_APP }]
    generateLimit: { perClientIp: 100000, windowSeconds: 60 }
`,
      ),
      QR_SIGNING_KEY: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
      APP_TOKEN_SECRET,
      REDIS_URL: `redis://127.0.0.1:${proxy.port}/0`,
      REDIS_KEY_PREFIX: keyPrefix,
      LOG_LEVEL: "error",
    };
    replicas.push(...(await Promise.all([startChildServer(env), startChildServer(env)])));
    endpoints = replicas.map((replica) => graphqlClient(replica.baseUrl));
    token = await mintAppToken(
      { issuer: "soak-app", audience: "demo", secret: APP_TOKEN_SECRET },
      { sub: "soaker", name: "Soaker" },
    );
  }, 30_000);

  afterAll(async () => {
    replicas.forEach((replica) => replica.process.kill("SIGKILL"));
    await proxy.cut();
    await deleteKeys(keyPrefix);
  });

  it(
    "loses no confirmed login and doubles none",
    async () => {
      const counts: Counts = {
        started: 0,
        confirmed: 0,
        exchanged: 0,
        lost: 0,
        doubled: 0,
        retries: 0,
        gaveUp: 0,
        refusals: {},
      };
      const tokenSets = new Map<string, Set<string>>();
      const anyReplica = () =>
        endpoints[Math.floor(Math.random() * endpoints.length)] as GraphQLEndpoint;

      /** One call on a random replica, retried through outages; undefined if it never got through. */
      async function call<T>(
        send: (
          replica: GraphQLEndpoint,
        ) => Promise<{ data?: T | null; errors?: readonly GraphQLErrorBody[] }>,
        deadlineMs = 30_000,
      ): Promise<{ data?: T | null; errors?: readonly GraphQLErrorBody[] } | undefined> {
        const deadline = Date.now() + deadlineMs;
        while (Date.now() < deadline) {
          const answer = await send(anyReplica()).catch(() => undefined);
          const apiCode = answer?.errors?.[0]?.extensions.apiCode;
          if (answer && !(apiCode !== undefined && RETRYABLE.has(apiCode))) {
            if (apiCode !== undefined) {
              counts.refusals[apiCode] = (counts.refusals[apiCode] ?? 0) + 1;
            }
            return answer;
          }
          counts.retries += 1;
          await sleep(200);
        }
        counts.gaveUp += 1;
        return undefined;
      }

      async function oneLogin(): Promise<void> {
        counts.started += 1;
        const generated = await call((r) =>
          r.graphql(GenerateQrCodeDocument, { input: { type: "MOBILE_APP" } }),
        );
        const code = generated?.data?.generateQRCode;
        const scanToken = code && /\/qrcode\/([A-Za-z0-9_-]+)\.png$/.exec(code.url)?.[1];
        if (!code || !scanToken) {
          return;
        }
        const input = { input: { scanToken } };
        const auth = { authorization: `Bearer ${token}` };
        await call((r) => r.graphql(ScanQrCodeDocument, input, auth));
        await call((r) => r.graphql(ConfirmQrCodeDocument, input, auth));
        // The page's view decides: a confirm whose reply was lost may still have happened.
        let ticket: string | null | undefined;
        for (let polls = 0; polls < 20 && !ticket; polls += 1) {
          await sleep(550);
          const status = await call((r) =>
            r.graphql(QrCodeStatusDocument, { qrcodeId: code.qrcodeId }),
          );
          const view = status?.data?.qrCodeStatus;
          ticket = view?.ticket;
          if (view && view.status !== "PENDING" && view.status !== "SCANNED" && !ticket) {
            return;
          }
        }
        if (!ticket) {
          return;
        }
        counts.confirmed += 1;
        const sets = new Set<string>();
        tokenSets.set(ticket, sets);
        const exchanged = await call((r) => r.graphql(ExchangeQrCodeTicketDocument, { ticket }));
        const tokens = exchanged?.data?.exchangeQRCodeTicket;
        if (tokens) {
          counts.exchanged += 1;
          sets.add(tokens.accessToken);
        } else {
          counts.lost += 1;
        }
      }

      const endAt = Date.now() + SOAK_SECONDS * 1000;
      // Stalls past the 2 s command timeout, one every 8 s, and a 2 s cut in the middle.
      const faults = (async () => {
        for (let at = 5_000; at < SOAK_SECONDS * 1000 - 5_000; at += 8_000) {
          await sleep(5_000);
          if (at > (SOAK_SECONDS * 1000) / 2 && at <= (SOAK_SECONDS * 1000) / 2 + 8_000) {
            await proxy.cut();
            await sleep(2_000);
            await proxy.restore();
          } else {
            proxy.stall(3_000);
            await sleep(3_000);
          }
        }
      })();
      await Promise.all(
        Array.from({ length: WORKERS }, async () => {
          while (Date.now() < endAt) {
            await oneLogin();
          }
        }),
      );
      await faults;

      // Every ticket once more, on either replica: the same set (replay window) or a refusal.
      for (const [ticket, sets] of tokenSets) {
        const again = await call((r) => r.graphql(ExchangeQrCodeTicketDocument, { ticket }));
        const tokens = again?.data?.exchangeQRCodeTicket;
        if (tokens) {
          sets.add(tokens.accessToken);
        }
        if (sets.size > 1) {
          counts.doubled += 1;
        }
      }

      process.stdout.write(
        `soak (${SOAK_SECONDS} s, ${WORKERS} workers): ${JSON.stringify(counts)}\n`,
      );
      expect(counts.confirmed).toBeGreaterThan(SOAK_SECONDS);
      expect(counts.lost).toBe(0);
      expect(counts.doubled).toBe(0);
      expect(counts.exchanged).toBe(counts.confirmed);
    },
    (SOAK_SECONDS + 120) * 1000,
  );
});
