import { GenerateQrCodeDocument } from "../../src/__generated__/client";
import { Scrape } from "../support/metrics";
import { type RunningServer } from "../support/test-server";
import {
  type FakeWeChat,
  generateWeChatCode,
  MINI_PROGRAM_APP,
  startWithFakeWeChat,
  type WeChatTestbed,
  WX_HEADERS,
} from "../support/wechat";

describe("WeChat calls in the metrics, against a fake WeChat", () => {
  let bed: WeChatTestbed;
  let fake: FakeWeChat;
  let running: RunningServer;

  beforeAll(async () => {
    bed = await startWithFakeWeChat([MINI_PROGRAM_APP], (wechat) => {
      wechat.publishPages(["pages/login/index"]);
      return {
        metrics: true,
      };
    });
    ({ fake, running } = bed);
  });

  afterAll(() => bed.close());

  it("counts each call by API and outcome (ok, or WeChat's errcode) and times it", async () => {
    const metricsUrl = running.metricsUrl ?? "";
    const before = await Scrape.of(metricsUrl);
    fake.faults.add("/wxa/getwxacodeunlimit", { errcode: 45009 });

    const refused = await running.graphql(
      GenerateQrCodeDocument,
      { input: { type: "WECHAT_MINIPROGRAM" } },
      WX_HEADERS,
    );
    await generateWeChatCode(running);
    const after = await Scrape.of(metricsUrl);

    expect(refused.errors?.[0]?.extensions.code).toBe("TOO_MANY_REQUESTS");
    const calls = (api: string, outcome: string) =>
      after.since(before, "qrlogin_wechat_requests_total", { api, outcome });
    expect(calls("cgi-bin/stable_token", "ok")).toBe(1); // cached for the second generation
    expect(calls("wxa/getwxacodeunlimit", "45009")).toBe(1);
    expect(calls("wxa/getwxacodeunlimit", "ok")).toBe(1);
    expect(
      after.since(before, "qrlogin_wechat_request_duration_seconds_count", {
        api: "wxa/getwxacodeunlimit",
      }),
    ).toBe(2);
    expect(
      after.since(before, "qrlogin_codes_generated_total", {
        type: "WECHAT_MINIPROGRAM",
        app: "acme-wx",
      }),
    ).toBe(1);
  });
});
