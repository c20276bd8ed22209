import { GenerateQrCodeDocument } from "../../src/__generated__/client";
import { DEMO_APPLICATION } from "../../src/config/demo-application";
import { type Application } from "../../src/qrcode/application";
import { expectNoErrors, onlyError } from "../support/login-flow";
import { deleteKeys, REDIS_TEST_URL, uniqueKeyPrefix } from "../support/redis";
import { type RunningServer, startTestServer } from "../support/test-server";

const LIMITED: Application = {
  ...DEMO_APPLICATION,
  appId: "limited",
  name: "Limited",
  generateLimit: { perClientIp: 3, windowSeconds: 60 },
};
const REDIS = { url: REDIS_TEST_URL, keyPrefix: uniqueKeyPrefix("generate-limit") };

afterAll(() => deleteKeys(REDIS.keyPrefix));

describe.each([
  ["memory", undefined],
  ["Redis, counted across two replicas", REDIS],
])("generateLimit per client address, %s", (_store, redis) => {
  let first: RunningServer;
  let second: RunningServer;

  beforeAll(async () => {
    const applications = [DEMO_APPLICATION, LIMITED];
    first = await startTestServer({ applications, redis });
    // With Redis the second replica shares the counters; in memory it is a separate process.
    second = redis ? await startTestServer({ applications, redis }) : first;
  });

  afterAll(async () => {
    await first.close();
    if (second !== first) {
      await second.close();
    }
  });

  it("refuses generation past the limit with TOO_MANY_REQUESTS and a retry-after", async () => {
    const generate = (server: RunningServer, appId: string) =>
      server.graphql(
        GenerateQrCodeDocument,
        { input: { type: "MOBILE_APP" } },
        { "x-app-id": appId },
      );

    for (const server of [first, second, first]) {
      expectNoErrors((await generate(server, "limited")).errors);
    }
    const refused = await generate(second, "limited");

    const extensions = onlyError(refused.errors).extensions;
    expect(extensions).toMatchObject({ code: "TOO_MANY_REQUESTS", statusCode: 429, apiCode: 3021 });
    expect(extensions.retryAfterMs).toBeGreaterThan(0);
    expect(extensions.retryAfterMs).toBeLessThanOrEqual(60_000);
    // Another application's codes are not counted against this one.
    expectNoErrors((await generate(first, "demo")).errors);
  });
});
