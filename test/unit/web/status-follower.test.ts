import { type StatusUpdate } from "../../../web/widget/operations";
import { followStatus, isRestart } from "../../../web/widget/status-follower";
import { demoUserToken, issueCode, scanAndConfirm } from "../../support/login-flow";
import { type RunningServer, startTestServer } from "../../support/test-server";
import { until } from "../../support/until";

/** The widget's status follower, run in Node against the real service: what a page sees. */
describe("the widget's status follower", () => {
  let running: RunningServer;

  beforeAll(async () => {
    running = await startTestServer();
  });

  afterAll(async () => {
    await running.close();
  });

  function follow(qrcodeId: string, transport: "auto" | "poll") {
    const statuses: StatusUpdate[] = [];
    const transports: string[] = [];
    const errors: unknown[] = [];
    const stop = followStatus({
      endpoint: `${running.baseUrl}/graphql`,
      subscriptionEndpoint: `${running.baseUrl.replace("http", "ws")}/graphql`,
      appId: "demo",
      qrcodeId,
      transport,
      onStatus: (update) => statuses.push(update),
      onTransport: (used) => transports.push(used),
      onError: (error) => errors.push(error),
    });
    return { statuses, transports, errors, stop };
  }

  it.each(["auto", "poll"] as const)(
    "follows a code to AUTHORIZED with its ticket and stops there (%s)",
    async (transport) => {
      const code = await issueCode(running);
      const feed = follow(code.qrcodeId, transport);
      await until(async () => feed.statuses.length > 0);

      await scanAndConfirm(running, code, await demoUserToken("ann", "Ann"));
      await until(async () => feed.statuses.at(-1)?.status === "AUTHORIZED");

      expect(feed.transports).toEqual([transport === "auto" ? "websocket" : "polling"]);
      expect(feed.statuses[0]?.status).toBe("PENDING");
      expect(feed.statuses.at(-1)).toMatchObject({
        ticket: expect.any(String),
        briefUserInfo: { displayName: "Ann" },
      });
      expect(feed.errors).toEqual([]);
      feed.stop();
    },
  );

  it("reports the service's refusal of a code it cannot follow, and stops", async () => {
    const feed = follow("NoSuchCodeNoSuchCode0000000000000000000000000", "poll");

    await until(async () => feed.errors.length > 0);

    expect(feed.errors[0]).toMatchObject({ apiCode: 3000 });
    expect(feed.statuses).toEqual([]);
  });

  it("takes a close with 1012 or 1001 as 'come back' and any other as a drop", () => {
    expect([1012, 1001, 1000, 1006, 4408].map((code) => isRestart({ code }))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
