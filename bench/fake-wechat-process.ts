import { FakeWeChat } from "../scripts/fake-wechat/fake-wechat-server";

/** The fake WeChat as its own process, so the bench can pin it to the load generator's core. */
async function main(): Promise<void> {
  const { FAKE_WECHAT_PORT, FAKE_WECHAT_APP_ID, FAKE_WECHAT_SECRET } = process.env;
  await FakeWeChat.start(
    [{ appId: FAKE_WECHAT_APP_ID ?? "", secret: FAKE_WECHAT_SECRET ?? "" }],
    Number(FAKE_WECHAT_PORT),
    { sameImage: true },
  );
}

void main();
