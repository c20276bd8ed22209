import {
  GenerateQrCodeDocument,
  QrCodeStatusChangedDocument,
  ScanQrCodeDocument,
} from "../../src/__generated__/client";
import { bearer, demoUserToken, expectNoErrors, issueCode, onlyError } from "../support/login-flow";
import { Scrape } from "../support/metrics";
import { deleteKeys, REDIS_TEST_ADDRESS, REDIS_TEST_URL, uniqueKeyPrefix } from "../support/redis";
import { subscribe, wsClient } from "../support/status-feed";
import { TcpProxy } from "../support/tcp-proxy";
import { type RunningServer, startTestServer } from "../support/test-server";
import { until } from "../support/until";

/** Redis goes away (a proxy the test controls is cut) and comes back. */
describe("when Redis is unreachable", () => {
  const keyPrefix = uniqueKeyPrefix("outage");
  const proxy = new TcpProxy(REDIS_TEST_ADDRESS.host, REDIS_TEST_ADDRESS.port);
  let behindProxy: RunningServer;
  let direct: RunningServer;

  beforeAll(async () => {
    await proxy.start();
    behindProxy = await startTestServer({
      redis: { url: `redis://127.0.0.1:${proxy.port}/0`, keyPrefix },
      metrics: true,
    });
    direct = await startTestServer({ redis: { url: REDIS_TEST_URL, keyPrefix } });
  });

  afterAll(async () => {
    await behindProxy.close();
    await direct.close();
    await proxy.cut();
    await deleteKeys(keyPrefix);
  });

  it("answers 503-style errors, stays up, counts them, and resumes by itself when Redis is back", async () => {
    const code = await issueCode(behindProxy);
    const metricsBefore = await Scrape.of(behindProxy.metricsUrl ?? "");
    const ready = () =>
      fetch(`${behindProxy.baseUrl}/readyz`).then((response) => response.status === 200);
    expect(await ready()).toBe(true);

    await proxy.cut();

    const generate = await behindProxy.graphql(GenerateQrCodeDocument, {
      input: { type: "MOBILE_APP" },
    });
    expect(onlyError(generate.errors).extensions).toMatchObject({
      code: "SERVICE_UNAVAILABLE",
      statusCode: 503,
      apiCode: 5000,
    });
    // Nothing else went wrong, so the HTTP status says it too (a load balancer can retry).
    expect(generate.status).toBe(503);
    expect(generate.headers.get("retry-after")).toBe("1");
    const image = await fetch(`${behindProxy.baseUrl}/qrcode/${code.scanToken}.png?size=200`);
    expect(image.status).toBe(503);
    expect(await image.json()).toMatchObject({ errors: [{ extensions: { apiCode: 5000 } }] });
    expect((await fetch(`${behindProxy.baseUrl}/readyz`)).status).toBe(503);
    expect((await fetch(`${behindProxy.baseUrl}/healthz`)).status).toBe(200);
    const metricsDuring = await Scrape.of(behindProxy.metricsUrl ?? "");
    expect(
      metricsDuring.since(metricsBefore, "qrlogin_store_errors_total", { backend: "redis" }),
    ).toBeGreaterThanOrEqual(2); // the generation and the image, at least

    await proxy.restore();
    await until(ready);

    expectNoErrors(
      (await behindProxy.graphql(GenerateQrCodeDocument, { input: { type: "MOBILE_APP" } })).errors,
    );
  });

  it("starts while Redis is down, not ready, and serves once Redis answers", async () => {
    await proxy.cut();
    const starting = await startTestServer({
      redis: { url: `redis://127.0.0.1:${proxy.port}/0`, keyPrefix },
    });
    try {
      const ready = () =>
        fetch(`${starting.baseUrl}/readyz`).then((response) => response.status === 200);
      expect(await ready()).toBe(false);
      const refused = await starting.graphql(GenerateQrCodeDocument, {
        input: { type: "MOBILE_APP" },
      });
      expect(onlyError(refused.errors).extensions).toMatchObject({ apiCode: 5000 });

      await proxy.restore();
      await until(ready);

      expectNoErrors(
        (await starting.graphql(GenerateQrCodeDocument, { input: { type: "MOBILE_APP" } })).errors,
      );
    } finally {
      await starting.close();
    }
  });

  it("re-reads watched codes after reconnecting, so a change made meanwhile is not missed", async () => {
    // The test before cut the proxy too: this replica may still be reconnecting.
    await until(() =>
      fetch(`${behindProxy.baseUrl}/readyz`).then((response) => response.status === 200),
    );
    const code = await issueCode(behindProxy);
    const client = wsClient(behindProxy.baseUrl, { "x-app-id": "demo" });
    const feed = subscribe(client, QrCodeStatusChangedDocument, { qrcodeId: code.qrcodeId });
    await feed.next(1);

    await proxy.cut();
    const scanned = await direct.graphql(
      ScanQrCodeDocument,
      { input: { scanToken: code.scanToken } },
      bearer(await demoUserToken("alice", "Alice")),
    );
    expectNoErrors(scanned.errors);
    await proxy.restore();

    const [, afterReconnect] = await feed.next(2);
    expect(afterReconnect?.qrCodeStatusChanged).toMatchObject({
      status: "SCANNED",
      briefUserInfo: { displayName: "Alice" },
    });
    await client.dispose();
  });
});
