import { isAppError } from "../../../src/errors/app-error";
import { memoryStores } from "../../../src/store/memory/memory-stores";
import { AccessTokens } from "../../../src/wechat/access-tokens";
import { MiniProgramClient } from "../../../src/wechat/mini-program-client";
import { WeChatHttp } from "../../../src/wechat/wechat-http";
import { FakeWeChat, MP_APP_ID, MP_SECRET } from "../../support/wechat";

const APP = { appId: MP_APP_ID, appSecret: MP_SECRET };
const CODE = { scene: "abc123", checkPath: false, envVersion: "release", width: 430 } as const;

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) {
      return { name: error.errorName, details: error.details, message: error.message };
    }
    throw error;
  }
  throw new Error("expected a failure");
}

describe("the WeChat client on its own, against the fake WeChat", () => {
  let fake: FakeWeChat;
  let stores: ReturnType<typeof memoryStores>;
  let http: WeChatHttp;

  beforeEach(async () => {
    fake = await FakeWeChat.start([{ appId: MP_APP_ID, secret: MP_SECRET }]);
    stores = memoryStores();
    http = new WeChatHttp({ baseUrl: fake.url, timeoutMs: 1000 });
  });

  afterEach(async () => {
    await stores.close();
    await fake.close();
  });

  function client(): MiniProgramClient {
    return new MiniProgramClient(http, new AccessTokens(http, stores.sharedCache, 1000));
  }

  it("makes one token call for two clients sharing a cache, called at once (replicas on one Redis)", async () => {
    const [a, b] = [client(), client()];

    await Promise.all([
      a.unlimitedCode(APP, CODE),
      b.unlimitedCode(APP, CODE),
      a.unlimitedCode(APP, CODE),
    ]);

    expect(fake.calls("/cgi-bin/stable_token")).toBe(1);
  });

  it("replaces a cached token WeChat no longer knows, with one token call and one retry", async () => {
    await stores.sharedCache.set(`wechat-access-token:${MP_APP_ID}`, "stale-token", 60_000);

    const image = await client().unlimitedCode(APP, CODE);

    expect(image.contentType).toBe("image/jpeg");
    expect(fake.calls("/cgi-bin/stable_token")).toBe(1);
    expect(fake.calls("/wxa/getwxacodeunlimit")).toBe(2);
  });

  it("takes a 40001 from the token endpoint for a wrong secret: one call, no loop", async () => {
    fake.faults.add("/cgi-bin/stable_token", { errcode: 40001 });

    const refused = await failure(client().unlimitedCode(APP, CODE));

    expect(refused.name).toBe("WECHAT_CREDENTIALS_INVALID");
    expect(refused.details).toEqual({ wechatErrcode: 40001 });
    expect(fake.calls("/cgi-bin/stable_token")).toBe(1);
  });

  it("turns a wx.login code into the person's openid, never keeping session_key", async () => {
    const identity = await client().codeToSession(APP, fake.mintLoginCode(MP_APP_ID, "openid-1"));

    expect(identity).toEqual({ appId: MP_APP_ID, openid: "openid-1" });
  });

  it("keeps secrets and access tokens out of every error message", async () => {
    fake.faults.add("/wxa/getwxacodeunlimit", { delayMs: 1500 });
    const late = await failure(client().unlimitedCode(APP, CODE));
    const wrong = await failure(
      client().codeToSession({ appId: MP_APP_ID, appSecret: "wrong-secret-value" }, "x"),
    );

    expect(late.name).toBe("WECHAT_UNAVAILABLE");
    expect(wrong.name).toBe("WECHAT_CREDENTIALS_INVALID");
    for (const refusal of [late, wrong]) {
      expect(JSON.stringify(refusal)).not.toMatch(/secret|access_token|wrong-secret-value/);
    }
  });
});
