import { pushEvent } from "../../scripts/fake-wechat/fake-wechat-push";
import { memoryStores } from "../../src/store/memory/memory-stores";
import {
  OA_APP_ID,
  OA_SECRET,
  officialAccountConnection,
  pushTarget,
} from "../support/official-account";
import { generateWeChatCode, withWeChatLoginHook } from "../support/wechat";

describe("an official account login that finishes after WeChat was answered", () => {
  it("is completed before the server finishes closing (SIGTERM's path), not dropped", async () => {
    const stores = memoryStores();
    const hook = { timeoutMs: 8000, answerAfterMs: 5500 };
    await withWeChatLoginHook(
      { appId: OA_APP_ID, secret: OA_SECRET },
      officialAccountConnection(),
      hook,
      async (running) => {
        const code = await generateWeChatCode(running, {}, "WECHAT_OFFICIAL_ACCOUNT");
        const [answered] = await pushEvent(pushTarget(running.baseUrl), {
          openid: "openid-at-shutdown",
          event: "SCAN",
          eventKey: code.scanToken,
        });
        expect(answered).toMatchObject({ status: 200, body: "success" });
        expect((await stores.sessions.findById(code.qrcodeId))?.status).toBe("SCANNED");

        await running.close();

        expect((await stores.sessions.findById(code.qrcodeId))?.status).toBe("AUTHORIZED");
      },
      stores,
    );
  }, 20_000);
});
