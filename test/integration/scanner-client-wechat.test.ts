import {
  type ApprovalCard,
  fetchRequest,
  ScannerClient,
  ScannerError,
} from "@qr-login-gateway/scanner";
import { generateKeyPair, SignJWT } from "jose";

import { demoLikeApplication } from "../support/applications";
import { issueCode } from "../support/login-flow";
import { OA_APP_ID, OA_SECRET, officialAccountConnection } from "../support/official-account";
import { type RunningServer } from "../support/test-server";
import {
  type FakeWeChat,
  generateWeChatCode,
  MINI_PROGRAM_APP,
  miniProgramApplication,
  miniProgramConnection,
  MP_APP_ID,
  startWithFakeWeChat,
  type WeChatTestbed,
} from "../support/wechat";

/** The rows a mini program and a misconfigured service meet, through the client: WeChat's own
 * refusals of a `wx.login` code, an official account code given to a scanner call, and an
 * application whose key set cannot be fetched. */
describe("the scanner client, on WeChat codes and an unreachable key set", () => {
  let bed: WeChatTestbed;
  let fake: FakeWeChat;
  let running: RunningServer;

  beforeAll(async () => {
    bed = await startWithFakeWeChat([MINI_PROGRAM_APP, { appId: OA_APP_ID, secret: OA_SECRET }], {
      applications: [
        miniProgramApplication([miniProgramConnection(), officialAccountConnection()]),
        demoLikeApplication("keyless", {
          appTokens: {
            issuer: "acme-mobile",
            audience: "keyless",
            // Nothing listens on port 9: the key set cannot be fetched.
            key: { kind: "jwks", url: "http://127.0.0.1:9/jwks.json" },
          },
        }),
      ],
    });
    ({ fake, running } = bed);
  });

  afterAll(() => bed.close());

  const client = () =>
    new ScannerClient({ baseUrl: running.baseUrl, request: fetchRequest(fetch) });
  const nameOf = (call: Promise<ApprovalCard>) =>
    call.then(
      () => "succeeded",
      (error: unknown) => (error instanceof ScannerError ? error.errorName : String(error)),
    );

  it("meets WeChat's refusals of a wx.login code, and takes a fresh one", async () => {
    const { scanToken } = await generateWeChatCode(running);
    const used = fake.mintLoginCode(MP_APP_ID, "openid-lee");
    await client().scan({ scanToken }, { wxCode: used });

    const names = [
      await nameOf(client().scan({ scanToken }, { wxCode: "" })),
      await nameOf(client().scan({ scanToken }, { wxCode: "made-up-code" })),
      await nameOf(client().confirm({ scanToken }, { wxCode: used })),
      await nameOf(
        client().confirm(
          { scanToken },
          { wxCode: fake.mintLoginCode(MP_APP_ID, "openid-lee"), displayName: "Lee" },
        ),
      ),
    ];

    expect(names).toEqual([
      "WECHAT_CODE_REQUIRED",
      "WECHAT_CODE_INVALID",
      "WECHAT_CODE_USED",
      "succeeded",
    ]);
  });

  it("meets an official account code given to a scanner call, and a key set it cannot fetch", async () => {
    const official = await generateWeChatCode(running, {}, "WECHAT_OFFICIAL_ACCOUNT");
    const app = await issueCode(running, undefined, { "x-app-id": "keyless" });
    // Signed as the application's back end would (ES256): checking it needs the key set.
    const { privateKey } = await generateKeyPair("ES256");
    const wellFormed = await new SignJWT({ sub: "lee" })
      .setProtectedHeader({ alg: "ES256", kid: "k1" })
      .setIssuer("acme-mobile")
      .setAudience("keyless")
      .setExpirationTime("5m")
      .sign(privateKey);

    const names = [
      await nameOf(client().scan({ scanToken: official.scanToken }, { bearerToken: wellFormed })),
      await nameOf(client().scan({ scanToken: app.scanToken }, { bearerToken: wellFormed })),
    ];

    expect(names).toEqual(["WECHAT_EVENT_ONLY", "APP_TOKEN_KEYS_UNAVAILABLE"]);
  });
});
