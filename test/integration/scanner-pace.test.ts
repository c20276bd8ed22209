import { ScanQrCodeDocument } from "../../src/__generated__/client";
import { type RunningServer } from "../support/test-server";
import {
  type FakeWeChat,
  generateWeChatCode,
  MINI_PROGRAM_APP,
  startWithFakeWeChat,
  type WeChatTestbed,
} from "../support/wechat";

describe("scanner calls are paced before WeChat is asked", () => {
  let bed: WeChatTestbed;
  let fake: FakeWeChat;
  let running: RunningServer;

  beforeAll(async () => {
    bed = await startWithFakeWeChat([MINI_PROGRAM_APP], {
      limits: { scannerLimit: { perAddress: 12, perCode: 5, windowSeconds: 60 } },
    });
    ({ fake, running } = bed);
  });

  afterAll(() => bed.close());

  const scanWithMadeUpCode = async (scanToken: string) => {
    const response = await running.graphql(ScanQrCodeDocument, {
      input: { scanToken, wxCode: `made-up-${Math.random().toString(36).slice(2)}` },
    });
    return response.errors?.[0]?.extensions.apiCode;
  };

  it("spends at most the per-code and per-address counts of jscode2session calls on made-up wxCodes", async () => {
    const [first, second, third] = [
      await generateWeChatCode(running),
      await generateWeChatCode(running),
      await generateWeChatCode(running),
    ];
    const before = fake.calls("/sns/jscode2session");

    const onFirst: (number | undefined)[] = [];
    for (let sent = 0; sent < 8; sent += 1) {
      onFirst.push(await scanWithMadeUpCode(first?.scanToken ?? ""));
    }
    const onOthers: (number | undefined)[] = [];
    for (const code of [second, third, second, third, second, third, second, third]) {
      onOthers.push(await scanWithMadeUpCode(code?.scanToken ?? ""));
    }

    expect(onFirst.slice(5)).toEqual([3026, 3026, 3026]); // the code's 5 are spent
    expect(onOthers.slice(0, 4).every((apiCode) => apiCode !== 3026)).toBe(true);
    // The address's 12 calls (refused ones count too) are spent.
    expect(onOthers.slice(4)).toEqual([3026, 3026, 3026, 3026]);
    expect(fake.calls("/sns/jscode2session") - before).toBe(5 + 4);
  });
});
