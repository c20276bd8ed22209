import { generateKeyPairSync } from "node:crypto";

import { ExchangeQrCodeTicketDocument, QrCodeStatusDocument } from "../../src/__generated__/client";
import { mintAppToken } from "../../src/auth/mint-app-token";
import { startChildServer, writeConfig } from "../support/child-server";
import { expectNoErrors, issueCode, scanAndConfirm } from "../support/login-flow";
import { sendJson, startLoopbackServer } from "../support/loopback-server";
import { graphqlClient } from "../support/test-server";

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
});
