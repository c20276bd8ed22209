import { GenerateQrCodeDocument } from "../../src/__generated__/client";
import { DEMO_APPLICATION } from "../../src/config/demo-application";
import { expectNoErrors } from "../support/login-flow";
import { type RunningServer } from "../support/test-server";
import {
  type FakeWeChat,
  MINI_PROGRAM_APP,
  miniProgramApplication,
  miniProgramConnection,
  startWithFakeWeChat,
  type WeChatTestbed,
  WX_HEADERS,
} from "../support/wechat";

/** 4 MiB for two applications: each may fill 2 MiB. */
const MEMORY_MAX_BYTES = 4 * 1024 * 1024;

describe("room for a code is decided before WeChat is asked, per application", () => {
  let bed: WeChatTestbed;
  let fake: FakeWeChat;
  let running: RunningServer;

  beforeAll(async () => {
    bed = await startWithFakeWeChat([MINI_PROGRAM_APP], {
      applications: [miniProgramApplication([miniProgramConnection()]), DEMO_APPLICATION],
      limits: {
        memoryMaxBytes: MEMORY_MAX_BYTES,
        generateLimit: { perClientIp: 1_000_000, windowSeconds: 60 },
      },
    });
    ({ fake, running } = bed);
  });

  afterAll(() => bed.close());

  const generateMiniProgram = async () => {
    const response = await running.graphql(
      GenerateQrCodeDocument,
      { input: { type: "WECHAT_MINIPROGRAM", context: { pad: "x".repeat(4000) } } },
      WX_HEADERS,
    );
    return response.errors?.[0]?.extensions.apiCode ?? "ok";
  };

  it("refuses a flooding application's codes with STORE_FULL without calling WeChat, and keeps serving another application", async () => {
    const outcomes: (string | number)[] = [];
    while (!outcomes.includes(5001) && outcomes.length < 2000) {
      outcomes.push(await generateMiniProgram());
    }
    expect(outcomes).toContain(5001);
    expect(outcomes.filter((outcome) => outcome === "ok").length).toBeGreaterThan(10);
    const wechatCallsWhenFull = fake.calls("/wxa/getwxacodeunlimit");

    const refused: (string | number)[] = [];
    for (let sent = 0; sent < 20; sent += 1) {
      refused.push(await generateMiniProgram());
    }

    expect(refused).toEqual(Array.from({ length: 20 }, () => 5001));
    expect(fake.calls("/wxa/getwxacodeunlimit")).toBe(wechatCallsWhenFull);
    const other = await running.graphql(
      GenerateQrCodeDocument,
      { input: { type: "MOBILE_APP" } },
      { "x-app-id": DEMO_APPLICATION.appId },
    );
    expectNoErrors(other.errors);
  }, 60_000);
});
