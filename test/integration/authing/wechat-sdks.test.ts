import { AuthenticationClient as V2Client } from "authing-js-sdk";
import { AuthenticationClient as V3Client } from "authing-node-sdk";

import { pushEvent } from "../../../scripts/fake-wechat/fake-wechat-push";
import { ConfirmQrCodeDocument, ScanQrCodeDocument } from "../../../src/__generated__/client";
import { expectNoErrors } from "../../support/login-flow";
import {
  OA_APP_ID,
  OA_SECRET,
  officialAccountConnection,
  pushTarget,
} from "../../support/official-account";
import { type RunningServer, startTestServer } from "../../support/test-server";
import { until } from "../../support/until";
import {
  FakeWeChat,
  miniProgramApplication,
  miniProgramConnection,
  MP_APP_ID,
  MP_SECRET,
  scanTokenOf,
} from "../../support/wechat";

/** The two WeChat types through both SDKs, against the fake WeChat. */
describe("the Authing SDKs with the WeChat types", () => {
  let fake: FakeWeChat;
  let api: RunningServer;
  const appId = "acme-wx";

  beforeAll(async () => {
    fake = await FakeWeChat.start([
      { appId: MP_APP_ID, secret: MP_SECRET },
      { appId: OA_APP_ID, secret: OA_SECRET },
    ]);
    api = await startTestServer({
      wechatBaseUrl: fake.url,
      applications: [
        miniProgramApplication([miniProgramConnection(), officialAccountConnection()]),
      ],
    });
  });

  afterAll(async () => {
    await api?.close();
    await fake?.close();
  });

  /** The mini program: each scanner call carries a fresh wx.login code. */
  async function miniProgramApproves(scanToken: string, openid: string): Promise<void> {
    const input = () => ({
      input: { scanToken, wxCode: fake.mintLoginCode(MP_APP_ID, openid), displayName: openid },
    });
    expectNoErrors((await api.graphql(ScanQrCodeDocument, input())).errors);
    expectNoErrors((await api.graphql(ConfirmQrCodeDocument, input())).errors);
  }

  it("authing-node-sdk: a mini program code with its logo URL, approved in the mini program, exchanged", async () => {
    const sdk = new V3Client({ appId, appHost: api.baseUrl, tokenEndPointAuthMethod: "none" });
    const gene = await sdk.geneQrCode({ type: "WECHAT_MINIPROGRAM" as never });
    expect(gene.data).toMatchObject({ customLogoUrl: "https://acme.test/mp.png" });
    expect(gene.data.url).toMatch(/\.jpg$/);
    await miniProgramApproves(scanTokenOf(gene.data.url), "openid-fay");
    const status = await sdk.getQrCodeStatus({ qrcodeId: gene.data.qrcodeId });
    expect(status.data).toMatchObject({
      status: "AUTHORIZED",
      briefUserInfo: { displayName: "openid-fay" },
    });
    const tokens = await sdk.exchangeTokenSetWithQrCodeTicket({
      ticket: status.data.ticket as string,
    });
    expect(tokens).toMatchObject({ statusCode: 200, data: { token_type: "Bearer" } });
  });

  it("authing-js-sdk: wxqrcode (mini program) and wechatmpqrcode (official account) log in", async () => {
    const sdk = new V2Client({ appId, appHost: api.baseUrl });
    const mini = await sdk.wxqrcode.geneCode();
    expect(mini.customLogo).toBe("https://acme.test/mp.png");
    await miniProgramApproves(scanTokenOf(mini.url), "openid-gus");
    const miniStatus = await sdk.wxqrcode.checkStatus(mini.random);
    const miniUser = await sdk.wxqrcode.exchangeUserInfo(miniStatus.ticket as string);
    expect(miniUser.id).toBe(`wechat:${MP_APP_ID}:openid-gus`);

    const official = await sdk.wechatmpqrcode.geneCode({ context: { from: "guard" } });
    await pushEvent(pushTarget(api.baseUrl), {
      openid: "openid-hal",
      event: "SCAN",
      eventKey: scanTokenOf(official.url),
    });
    let ticket: string | undefined;
    await until(async () => {
      ticket = (await sdk.wechatmpqrcode.checkStatus(official.random)).ticket;
      return ticket !== undefined;
    }, 5000);
    const officialUser = await sdk.wechatmpqrcode.exchangeUserInfo(ticket as string);
    expect(officialUser.id).toBe(`wechat:${OA_APP_ID}:openid-hal`);
  });
});
