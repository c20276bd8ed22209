import { generateKeyPairSync } from "node:crypto";

import {
  ConfirmQrCodeDocument,
  ExchangeQrCodeTicketDocument,
  GenerateQrCodeDocument,
  QrCodeStatusDocument,
  ScanQrCodeDocument,
} from "../../src/__generated__/client";
import { mintAppToken } from "../../src/auth/mint-app-token";
import { startChildServer, writeConfig } from "../support/child-server";
import { expectNoErrors, issueCode, scanAndConfirm } from "../support/login-flow";
import { sendJson, startLoopbackServer } from "../support/loopback-server";
import { graphqlClient } from "../support/test-server";
import { FakeWeChat, MP_APP_ID, MP_SECRET, scanTokenOf, WX_HEADERS } from "../support/wechat";

const SECRETS = {
  APP_TOKEN_SECRET: "app-token-secret-that-must-never-be-logged-1",
  CLIENT_SECRET: "client-secret-that-must-never-be-logged-0002",
  HOOK_SECRET: "hook-secret-that-must-never-be-logged-000003",
};

/** A whole confidential login with a login hook, logged at trace level, then grepped. */
describe("the logs of a whole login at trace level", () => {
  it("carry no secret, token, ticket or scan token", async () => {
    const hook = await startLoopbackServer((_request, _body, response) =>
      sendJson(response, 200, { allow: true }),
    );
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const signingKey = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const server = await startChildServer({
      ...SECRETS,
      SIGNING_KEY: signingKey,
      LOG_LEVEL: "trace",
      QR_CONFIG: writeConfig(
        "logs.yaml",
        `signingKey: { kid: logs, privateKey: { env: SIGNING_KEY } }
applications:
  - appId: demo
    name: Logs
    confidential: true
    clientSecret: { env: CLIENT_SECRET }
    appTokens: { issuer: app, audience: demo, secret: { env: APP_TOKEN_SECRET } }
    connections: [{ id: app, type: MOBILE_APP }]
    loginHook: { url: "${hook.url}/hook", secret: { env: HOOK_SECRET } }
`,
      ),
    });
    try {
      const api = graphqlClient(server.baseUrl);
      const bearer = await mintAppToken(
        { issuer: "app", audience: "demo", secret: SECRETS.APP_TOKEN_SECRET },
        { sub: "alice", name: "Alice" },
      );
      const code = await issueCode(api);
      expectNoErrors((await scanAndConfirm(api, code, bearer)).errors);
      const status = await api.graphql(QrCodeStatusDocument, { qrcodeId: code.qrcodeId });
      const ticket = status.data?.qrCodeStatus.ticket ?? "";
      const basic = Buffer.from(`demo:${SECRETS.CLIENT_SECRET}`).toString("base64");
      const exchanged = await api.graphql(
        ExchangeQrCodeTicketDocument,
        { ticket },
        { authorization: `Basic ${basic}` },
      );
      expectNoErrors(exchanged.errors);
      const tokens = exchanged.data?.exchangeQRCodeTicket;
      // A wrong secret and a failed exchange log too.
      await api.graphql(ExchangeQrCodeTicketDocument, { ticket, clientSecret: "wrong-secret" });

      const logs = server.output();
      expect(logs).toContain("request completed");
      const used = [
        ...Object.values(SECRETS),
        basic,
        bearer,
        ticket,
        code.scanToken,
        tokens?.accessToken ?? "missing",
        tokens?.idToken ?? "missing",
        signingKey.split("\n")[1] ?? "missing",
      ];
      for (const secret of used) {
        expect(secret.length).toBeGreaterThan(20);
        expect(logs).not.toContain(secret);
      }
    } finally {
      server.process.kill("SIGKILL");
      await hook.close();
    }
  });

  it("of a mini program login, WeChat errors included, carry no app secret, access token or wx.login code", async () => {
    const fake = await FakeWeChat.start([{ appId: MP_APP_ID, secret: MP_SECRET }]);
    const server = await startChildServer({
      MP_SECRET,
      LOG_LEVEL: "trace",
      WECHAT_API_BASE_URL: fake.url,
      QR_CONFIG: writeConfig(
        "wechat-logs.yaml",
        `applications:
  - appId: acme-wx
    name: Logs
    connections:
      - id: mp
        type: WECHAT_MINIPROGRAM
        wechat: { appId: ${MP_APP_ID}, appSecret: { env: MP_SECRET } }
`,
      ),
    });
    try {
      const api = graphqlClient(server.baseUrl);
      const generated = await api.graphql(
        GenerateQrCodeDocument,
        { input: { type: "WECHAT_MINIPROGRAM" } },
        WX_HEADERS,
      );
      const scanToken = scanTokenOf(generated.data?.generateQRCode.url ?? "");
      const wxCodes = [
        fake.mintLoginCode(MP_APP_ID, "openid-1"),
        fake.mintLoginCode(MP_APP_ID, "o"),
      ];
      await api.graphql(ScanQrCodeDocument, { input: { scanToken, wxCode: wxCodes[0] ?? "" } });
      await api.graphql(ConfirmQrCodeDocument, { input: { scanToken, wxCode: wxCodes[0] ?? "" } });
      fake.faults.add("/wxa/getwxacodeunlimit", { errcode: 40001 }, 2);
      await api.graphql(
        GenerateQrCodeDocument,
        { input: { type: "WECHAT_MINIPROGRAM" } },
        WX_HEADERS,
      );

      const logs = server.output();
      expect(logs).toContain("request completed");
      for (const secret of [MP_SECRET, ...fake.issuedTokens(), ...wxCodes, scanToken]) {
        expect(logs).not.toContain(secret);
      }
    } finally {
      server.process.kill("SIGKILL");
      await fake.close();
    }
  });
});
