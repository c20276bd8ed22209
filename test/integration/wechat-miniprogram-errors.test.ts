import { type FakeWeChatFault } from "../../scripts/fake-wechat/fake-wechat-faults";
import { GenerateQrCodeDocument } from "../../src/__generated__/client";
import { startTestServer } from "../support/test-server";
import {
  FakeWeChat,
  miniProgramApplication,
  miniProgramConnection,
  MP_APP_ID,
  MP_SECRET,
  WX_HEADERS,
} from "../support/wechat";

/** undici checks its timeouts on a coarse clock (about half a second), so the late answer
 * comes well past the timeout. */
const TIMEOUT_MS = 400;

describe("WeChat failures at generation reach the login page as clear errors", () => {
  let fake: FakeWeChat;
  let running: Awaited<ReturnType<typeof startTestServer>>;

  beforeAll(async () => {
    fake = await FakeWeChat.start([
      { appId: MP_APP_ID, secret: MP_SECRET },
      { appId: "wx-other", secret: "other-secret" },
    ]);
    running = await startTestServer({
      applications: [
        miniProgramApplication([
          miniProgramConnection(),
          miniProgramConnection({
            id: "wrong-secret",
            wechat: { appId: "wx-other", appSecret: "not-the-secret" },
          }),
          miniProgramConnection({
            id: "unknown-app",
            wechat: { appId: "wx-nope", appSecret: "s" },
          }),
        ]),
      ],
      wechatBaseUrl: fake.url,
      wechatTimeoutMs: TIMEOUT_MS,
      limits: { generateLimit: { perClientIp: 10_000, windowSeconds: 60 } },
    });
  });

  afterAll(async () => {
    await running.close();
    await fake.close();
  });

  afterEach(() => fake.faults.clear());

  async function generateError(extIdpConnId?: string) {
    const response = await running.graphql(
      GenerateQrCodeDocument,
      { input: { type: "WECHAT_MINIPROGRAM", extIdpConnId } },
      WX_HEADERS,
    );
    const text = JSON.stringify(response);
    expect(text).not.toContain(MP_SECRET);
    expect(text).not.toContain("rid:");
    return response.errors?.[0]?.extensions;
  }

  it.each<[string, FakeWeChatFault, string, number, number, number | undefined]>([
    ["daily quota", { errcode: 45009 }, "TOO_MANY_REQUESTS", 429, 6004, 45009],
    ["page not published", { errcode: 41030 }, "BAD_GATEWAY", 502, 6005, 41030],
    ["invalid scene", { errcode: 40169 }, "BAD_GATEWAY", 502, 6006, 40169],
    ["system busy", { errcode: -1 }, "BAD_GATEWAY", 502, 6000, -1],
    ["an errcode nobody mapped", { errcode: 40097 }, "BAD_GATEWAY", 502, 6001, 40097],
    [
      "an error JSON labelled text/plain",
      { errcode: 45009, contentType: "text/plain" },
      "TOO_MANY_REQUESTS",
      429,
      6004,
      45009,
    ],
    [
      "an error JSON labelled with an encoding",
      { errcode: 41030, contentType: "application/json; encoding=utf-8" },
      "BAD_GATEWAY",
      502,
      6005,
      41030,
    ],
    ["HTTP 500", { httpStatus: 500 }, "BAD_GATEWAY", 502, 6000, undefined],
    ["garbage bytes", { garbage: true }, "BAD_GATEWAY", 502, 6000, undefined],
    [
      "an answer past the timeout",
      { delayMs: TIMEOUT_MS + 2000 },
      "BAD_GATEWAY",
      502,
      6000,
      undefined,
    ],
  ])(
    "maps %s to its own apiCode, with WeChat's errcode and no secret",
    async (_case, fault, code, statusCode, apiCode, wechatErrcode) => {
      await generateError(); // a warm token: the fault hits the code call itself
      fake.faults.add("/wxa/getwxacodeunlimit", fault);

      const extensions = await generateError();

      expect(extensions).toMatchObject({ code, statusCode, apiCode });
      expect(extensions?.wechatErrcode).toBe(wechatErrcode);
    },
  );

  it.each([
    ["a wrong appSecret", "wrong-secret", 40125],
    ["an unknown appId", "unknown-app", 40013],
  ])("calls %s a configuration error, once, without a loop", async (_case, connection, errcode) => {
    const before = fake.calls("/cgi-bin/stable_token");

    const extensions = await generateError(connection);

    expect(extensions).toMatchObject({
      code: "BAD_GATEWAY",
      apiCode: 6002,
      wechatErrcode: errcode,
    });
    expect(fake.calls("/cgi-bin/stable_token") - before).toBe(1);
  });

  it("maps a token endpoint that is down to WECHAT_UNAVAILABLE", async () => {
    fake.faults.add("/cgi-bin/stable_token", { httpStatus: 503 });

    expect(await generateError("wrong-secret")).toMatchObject({ apiCode: 6000 });
  });
});
