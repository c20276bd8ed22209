import { AuthenticationClient } from "authing-node-sdk";
import { createRemoteJWKSet, jwtVerify } from "jose";

import { demoLikeApplication } from "../../support/applications";
import { demoUserToken } from "../../support/login-flow";
import { ManualClock } from "../../support/manual-clock";
import { type RunningServer, startTestServer } from "../../support/test-server";

const SECRET = "acme-client-secret-for-the-sdk-tests";

/** `authing-node-sdk` (v4, the v3 API), unmodified, pointed at this service by `appHost`. */
describe("authing-node-sdk against the v3 facade", () => {
  let api: RunningServer;
  const clock = new ManualClock(Date.now());

  beforeAll(async () => {
    api = await startTestServer({
      clock,
      applications: [
        demoLikeApplication("public"),
        demoLikeApplication("confidential", { clientSecret: SECRET }),
      ],
    });
  });

  afterAll(() => api?.close());

  const client = (appId: string, options: Record<string, string> = {}) =>
    new AuthenticationClient({
      appId,
      appHost: api.baseUrl,
      tokenEndPointAuthMethod: "none",
      ...options,
    });

  /** The company's app: the same SDK, with its user's token set, changing the code's status. */
  async function scanner(name: string): Promise<AuthenticationClient> {
    const phone = client("public");
    phone.setAccessToken(await demoUserToken(name.toLowerCase(), name));
    return phone;
  }

  async function authorizedTicket(sdk: AuthenticationClient, name: string): Promise<string> {
    const gene = await sdk.geneQrCode({ type: "MOBILE_APP" as never, customData: { plan: "pro" } });
    expect(gene).toMatchObject({ statusCode: 200, data: { qrcodeId: expect.any(String) } });
    const { qrcodeId, url } = gene.data;
    const scanToken = /\/qrcode\/(\w+)\.png$/.exec(url)?.[1] as string;

    const pending = await sdk.getQrCodeStatus({ qrcodeId });
    expect(pending.data.status).toBe("PENDING");
    const phone = await scanner(name);
    await expect(
      phone.changeQrCodeStatus({ qrcodeId: scanToken, action: "SCAN" as never }),
    ).resolves.toMatchObject({ statusCode: 200 });
    clock.advance(1000);
    const scanned = await sdk.checkQrCodeStatus({ qrcodeId });
    expect(scanned.data).toMatchObject({ status: "SCANNED", briefUserInfo: { displayName: name } });
    await expect(
      phone.setQrCodeStatus({ qrcodeId: scanToken, action: "CONFIRM" as never }),
    ).resolves.toMatchObject({ statusCode: 200, data: { success: true } });
    clock.advance(1000);
    const authorized = await sdk.getQrCodeStatus({ qrcodeId });
    expect(authorized.data.status).toBe("AUTHORIZED");
    return authorized.data.ticket as string;
  }

  async function expectVerifiedTokens(
    data: { id_token?: string; access_token?: string },
    appId: string,
    name: string,
  ) {
    const jwks = createRemoteJWKSet(new URL(`${api.baseUrl}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(data.id_token as string, jwks, {
      audience: appId,
      currentDate: new Date(clock.now()),
    });
    expect(payload).toMatchObject({ sub: name.toLowerCase(), aud: appId });
    await expect(
      jwtVerify(data.access_token as string, jwks, { currentDate: new Date(clock.now()) }),
    ).resolves.toBeDefined();
  }

  it("logs in a public application: generate, poll, scan and confirm with the app token, exchange", async () => {
    const sdk = client("public");
    const ticket = await authorizedTicket(sdk, "Alice");
    const tokens = await sdk.exchangeTokenSetWithQrCodeTicket({ ticket });
    expect(tokens).toMatchObject({
      statusCode: 200,
      data: { token_type: "Bearer", expire_in: 3600 },
    });
    await expectVerifiedTokens(tokens.data, "public", "Alice");
  });

  it("exchanges for a confidential application with client_secret_post", async () => {
    const sdk = client("confidential", {
      appSecret: SECRET,
      tokenEndPointAuthMethod: "client_secret_post",
    });
    const ticket = await authorizedTicket(sdk, "Bob");
    const tokens = await sdk.exchangeTokenSetWithQrCodeTicket({
      ticket,
      client_id: "confidential",
      client_secret: SECRET,
    });
    expect(tokens.statusCode).toBe(200);
    await expectVerifiedTokens(tokens.data, "confidential", "Bob");
  });

  it("exchanges for a confidential application with client_secret_basic", async () => {
    const sdk = client("confidential", {
      appSecret: SECRET,
      tokenEndPointAuthMethod: "client_secret_basic",
    });
    const ticket = await authorizedTicket(sdk, "Carol");
    const tokens = await sdk.exchangeTokenSetWithQrCodeTicket({ ticket });
    expect(tokens.statusCode).toBe(200);
    await expectVerifiedTokens(tokens.data, "confidential", "Carol");
  });

  it("ignores a user token in Authorization on the exchange (an SDK with setAccessToken sends it)", async () => {
    const sdk = client("public");
    const ticket = await authorizedTicket(sdk, "Dan");
    sdk.setAccessToken(await demoUserToken("dan", "Dan"));
    const tokens = await sdk.exchangeTokenSetWithQrCodeTicket({ ticket });
    expect(tokens.statusCode).toBe(200);
  });

  it("answers errors in the envelope, HTTP 200, where the SDK returns them: unknown code, wrong secret, reused ticket", async () => {
    const sdk = client("confidential", {
      appSecret: SECRET,
      tokenEndPointAuthMethod: "client_secret_post",
    });
    const unknown = await sdk.getQrCodeStatus({ qrcodeId: "NoSuchCodeNoSuchCodeNoSuchCode00" });
    expect(unknown).toMatchObject({
      statusCode: 404,
      apiCode: 3000,
      data: null,
      requestId: expect.any(String),
    });

    const ticket = await authorizedTicket(sdk, "Erin");
    const wrong = await sdk.exchangeTokenSetWithQrCodeTicket({
      ticket,
      client_id: "confidential",
      client_secret: "wrong",
    });
    expect(wrong).toMatchObject({ statusCode: 401, apiCode: 4011, field: "clientSecret" });

    const first = await sdk.exchangeTokenSetWithQrCodeTicket({
      ticket,
      client_id: "confidential",
      client_secret: SECRET,
    });
    expect(first.statusCode).toBe(200);
    // A retry within the replay window gets the same tokens (a lost reply); after it, "used".
    clock.advance(31_000);
    const reused = await sdk.exchangeTokenSetWithQrCodeTicket({
      ticket,
      client_id: "confidential",
      client_secret: SECRET,
    });
    expect(reused).toMatchObject({ statusCode: 400, apiCode: 3011, field: "ticket" });
  });

  it("never lets the page's qrcodeId change the status, nor the scan token read it", async () => {
    const sdk = client("public");
    const { data } = await sdk.geneQrCode({ type: "MOBILE_APP" as never });
    const scanToken = /\/qrcode\/(\w+)\.png$/.exec(data.url)?.[1] as string;
    const phone = await scanner("Mallory");
    const byPageHandle = await phone.changeQrCodeStatus({
      qrcodeId: data.qrcodeId,
      action: "SCAN" as never,
    });
    expect(byPageHandle).toMatchObject({ statusCode: 404, apiCode: 3000 });
    const byScanToken = await sdk.getQrCodeStatus({ qrcodeId: scanToken });
    expect(byScanToken).toMatchObject({ statusCode: 404, apiCode: 3000 });
  });

  it("refuses the scanner without a token, and answers other v3 calls with ROUTE_NOT_FOUND", async () => {
    const sdk = client("public");
    const { data } = await sdk.geneQrCode({ type: "MOBILE_APP" as never });
    const scanToken = /\/qrcode\/(\w+)\.png$/.exec(data.url)?.[1] as string;
    const anonymous = await sdk.changeQrCodeStatus({
      qrcodeId: scanToken,
      action: "SCAN" as never,
    });
    expect(anonymous).toMatchObject({ statusCode: 401, apiCode: 4000 });
    const other = await sdk.signInByPush({ account: "alice" } as never);
    expect(other).toMatchObject({ statusCode: 404, apiCode: 1005 });
  });
});
