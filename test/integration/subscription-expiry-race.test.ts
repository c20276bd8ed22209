import { QrCodeStatusChangedDocument } from "../../src/__generated__/client";
import { DEMO_APPLICATION } from "../../src/config/demo-application";
import { type Application } from "../../src/qrcode/application";
import { demoUserToken, expectNoErrors, issueCode, scanAndConfirm } from "../support/login-flow";
import { deleteKeys, REDIS_TEST_ADDRESS, REDIS_TEST_URL, uniqueKeyPrefix } from "../support/redis";
import { subscribe, wsClient } from "../support/status-feed";
import { TcpProxy } from "../support/tcp-proxy";
import { type RunningServer, startTestServer } from "../support/test-server";

const QUICK: Application = { ...DEMO_APPLICATION, appId: "quick", qrCodeLifetimeSeconds: 2 };

/**
 * The page watches on replica A; the person confirms on replica B in time, but A is cut from
 * Redis when the code's expiresAt comes, so the AUTHORIZED event has not reached it.
 */
describe("a subscription at expiresAt on a replica that missed the last event", () => {
  const keyPrefix = uniqueKeyPrefix("expiry-race");
  const proxy = new TcpProxy(REDIS_TEST_ADDRESS.host, REDIS_TEST_ADDRESS.port);
  let watching: RunningServer;
  let confirming: RunningServer;

  beforeAll(async () => {
    await proxy.start();
    const applications = [QUICK];
    watching = await startTestServer({
      applications,
      redis: { url: `redis://127.0.0.1:${proxy.port}/0`, keyPrefix },
    });
    confirming = await startTestServer({
      applications,
      redis: { url: REDIS_TEST_URL, keyPrefix },
    });
  });

  afterAll(async () => {
    await watching.close();
    await confirming.close();
    await proxy.cut();
    await deleteKeys(keyPrefix);
  });

  it("asks the store before saying EXPIRED, and reports the login as AUTHORIZED", async () => {
    const headers = { "x-app-id": "quick" };
    const code = await issueCode(watching, undefined, headers);
    const client = wsClient(watching.baseUrl, headers);
    const feed = subscribe(client, QrCodeStatusChangedDocument, { qrcodeId: code.qrcodeId });
    await feed.next(1);

    await proxy.cut();
    const confirmed = await scanAndConfirm(
      { ...confirming, graphql: (d, v, h) => confirming.graphql(d, v, { ...headers, ...h }) },
      code,
      await demoUserToken("alice", "Alice"),
    );
    expectNoErrors(confirmed.errors);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await proxy.restore();
    await feed.ended;

    expect(feed.events.map((event) => event.qrCodeStatusChanged.status)).toEqual([
      "PENDING",
      "AUTHORIZED",
    ]);
    await client.dispose();
  });
});
