import WebSocket from "ws";

import { mintAppToken } from "../../src/auth/mint-app-token";
import { followStatus } from "../../web/widget/status-follower";
import { type ChildServer, startChildServer, writeConfig } from "../support/child-server";
import { expectNoErrors, issueCode, scanAndConfirm } from "../support/login-flow";
import { deleteKeys, REDIS_TEST_URL, uniqueKeyPrefix } from "../support/redis";
import { RoundRobinProxy } from "../support/round-robin-proxy";
import { graphqlClient } from "../support/test-server";
import { until } from "../support/until";

const APP_TOKEN_SECRET = "restart-drain-test-app-token-secret-012345";
const DRAIN_MS = 600;
const portOf = (server: ChildServer) => Number(new URL(server.baseUrl).port);

describe("a replica restarted mid-login costs the page nothing (SIGTERM: drain, then 1012)", () => {
  const keyPrefix = uniqueKeyPrefix("drain");
  const globals = globalThis as { WebSocket?: unknown };
  const ownWebSocket = globals.WebSocket;

  beforeAll(() => {
    // The widget's code, run here as in a browser: graphql-ws takes the global WebSocket.
    globals.WebSocket = WebSocket;
  });

  afterAll(async () => {
    globals.WebSocket = ownWebSocket;
    await deleteKeys(keyPrefix);
  });

  it("answers /readyz 503 while still serving, closes the page's socket with 1012 after the drain, and the widget resubscribes through the balancer and logs in", async () => {
    const env = {
      QR_CONFIG: writeConfig(
        "drain.yaml",
        `applications:
  - appId: demo
    name: Drain
    appTokens: { issuer: app, audience: demo, secret: { env: APP_TOKEN_SECRET } }
    connections: [{ id: app, type: MOBILE_APP }]
`,
      ),
      APP_TOKEN_SECRET,
      REDIS_URL: REDIS_TEST_URL,
      REDIS_KEY_PREFIX: keyPrefix,
      SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
    };
    const replicas = await Promise.all([startChildServer(env), startChildServer(env)]);
    const balancer = new RoundRobinProxy(replicas.map(portOf));
    await balancer.start();
    const code = await issueCode(graphqlClient(balancer.url));
    const statuses: string[] = [];
    const transports: string[] = [];
    const errors: unknown[] = [];
    const stop = followStatus({
      endpoint: `${balancer.url}/graphql`,
      subscriptionEndpoint: `ws://127.0.0.1:${balancer.port}/graphql`,
      appId: "demo",
      qrcodeId: code.qrcodeId,
      transport: "auto",
      onStatus: (update) => statuses.push(update.status),
      onTransport: (transport) => transports.push(transport),
      onError: (error) => errors.push(error),
    });
    try {
      await until(async () => statuses.includes("PENDING"));
      const holding = replicas.find((replica) => portOf(replica) === balancer.routed.at(-1));
      const staying = replicas.find((replica) => replica !== holding);
      if (!holding || !staying) {
        throw new Error(`the page's socket went to no replica: ${balancer.routed.join(",")}`);
      }

      holding.process.kill("SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 100));
      const readyWhileDraining = (await fetch(`${holding.baseUrl}/readyz`)).status;
      const servedWhileDraining = (await fetch(`${holding.baseUrl}/healthz`)).status;
      const exitCode = await holding.exited;
      const token = await mintAppToken(
        { issuer: "app", audience: "demo", secret: APP_TOKEN_SECRET },
        { sub: "ren" },
      );
      expectNoErrors((await scanAndConfirm(graphqlClient(staying.baseUrl), code, token)).errors);
      await until(async () => statuses.includes("AUTHORIZED"));

      expect(readyWhileDraining).toBe(503);
      expect(servedWhileDraining).toBe(200);
      expect(exitCode).toBe(0);
      expect(holding.output()).toContain("shutting down");
      expect(transports).toEqual(["websocket"]); // never fell back to polling
      expect(errors).toEqual([]);
      expect(statuses.at(-1)).toBe("AUTHORIZED");
      expect(balancer.routed.filter((port) => port === portOf(staying)).length).toBeGreaterThan(0);
    } finally {
      stop();
      await balancer.close();
      replicas.forEach((replica) => replica.process.kill("SIGKILL"));
    }
  }, 30_000);
});
