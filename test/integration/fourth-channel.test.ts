import { ConfigError, loadConfig } from "../../src/config/load-config";
import { BUILT_IN_CHANNELS } from "../../src/qrcode/channels/built-in-channels";
import {
  PARTNER_APP,
  partnerAppModule,
  partnerToken,
} from "../fixtures/partner-app-channel/partner-app.module";
import { writeConfig } from "../support/child-server";
import { decodePngQr } from "../support/decode-qr";
import { expectNoErrors } from "../support/login-flow";
import { type RunningServer, startSelfLinkedServer } from "../support/test-server";

const CHANNELS = [...BUILT_IN_CHANNELS, partnerAppModule];
const SECRET = "partner-secret-0123456789abcdef0123456789";
const HEADERS = { "x-app-id": "partnered" };

/** An applications file with a PARTNER_APP connection, read by the real config loader. */
function partnerConfig(connection: string) {
  return loadConfig(
    {
      QR_CONFIG: writeConfig(
        "partner.yaml",
        `applications:\n  - appId: partnered\n    name: Partnered\n    connections: [${connection}]\n`,
      ),
      PARTNER_SECRET: SECRET,
    },
    CHANNELS,
  );
}

describe("a fourth QR code type, in its own folder and registered with the server only", () => {
  let running: RunningServer;

  beforeAll(async () => {
    const config = partnerConfig(
      "{ id: partner-co, type: PARTNER_APP, partner: { name: Partner Co, secret: { env: PARTNER_SECRET } } }",
    );
    running = await startSelfLinkedServer({
      applications: config.applications,
      channels: CHANNELS,
    });
  });

  afterAll(async () => {
    await running.close();
  });

  it("is in the served QRCodeType enum with its own description", async () => {
    const response = await running.graphql<
      { __type: { enumValues: { name: string; description: string }[] } },
      never
    >('{ __type(name: "QRCodeType") { enumValues { name description } } }');

    expect(response.data?.__type.enumValues.map(({ name }) => name)).toEqual(
      CHANNELS.map(({ type }) => type),
    );
    expect(response.data?.__type.enumValues.at(-1)?.description).toBe(partnerAppModule.description);
  });

  it("logs in end to end: generate, an image of the scan link, scan, confirm, ticket, tokens", async () => {
    const generated = await running.graphql<
      { generateQRCode: { qrcodeId: string; url: string } },
      never
    >(
      `mutation { generateQRCode(input: { type: ${PARTNER_APP}, customData: { plan: "gold" } }) { qrcodeId url } }`,
      undefined,
      HEADERS,
    );
    expectNoErrors(generated.errors);
    const { qrcodeId, url } = generated.data?.generateQRCode ?? { qrcodeId: "", url: "" };
    const png = Buffer.from(await (await fetch(url)).arrayBuffer());
    const scanToken = /\/scan\/([A-Za-z0-9_-]+)$/.exec(decodePngQr(png) ?? "")?.[1] ?? "";
    const partner = { authorization: `Bearer ${partnerToken("ivy", SECRET)}`, ...HEADERS };

    const scan = (mutation: string, extra = "") =>
      running.graphql<Record<string, { status: string }>, never>(
        `mutation { ${mutation}(input: { scanToken: "${scanToken}"${extra} }) { status } }`,
        undefined,
        partner,
      );
    expect((await scan("scanQRCode")).data?.scanQRCode?.status).toBe("SCANNED");
    expect((await scan("confirmQRCode", ', displayName: "Ivy"')).data?.confirmQRCode?.status).toBe(
      "AUTHORIZED",
    );
    const status = await running.graphql<
      { qrCodeStatus: { status: string; ticket: string; briefUserInfo: { displayName: string } } },
      never
    >(
      `{ qrCodeStatus(qrcodeId: "${qrcodeId}") { status ticket briefUserInfo { displayName } } }`,
      undefined,
      HEADERS,
    );
    const ticket = status.data?.qrCodeStatus.ticket ?? "";
    const login = await running.graphql<
      { exchangeQRCodeTicket: { user: { id: string; displayName: string; customData: unknown } } },
      never
    >(
      `mutation { exchangeQRCodeTicket(ticket: "${ticket}") { user { id displayName customData } } }`,
      undefined,
      HEADERS,
    );

    expect(status.data?.qrCodeStatus.briefUserInfo.displayName).toBe("Ivy");
    expect(login.data?.exchangeQRCodeTicket.user).toEqual({
      id: "partner:ivy",
      displayName: "Ivy",
      customData: { plan: "gold" },
    });
  });

  it("refuses a scanner field the channel does not read, and a forged partner token", async () => {
    const generated = await running.graphql<{ generateQRCode: { url: string } }, never>(
      `mutation { generateQRCode(input: { type: ${PARTNER_APP} }) { url } }`,
      undefined,
      HEADERS,
    );
    const scanToken = /\/qrcode\/([A-Za-z0-9_-]+)\.png$/.exec(
      generated.data?.generateQRCode.url ?? "",
    )?.[1];
    const withWxCode = await running.graphql(
      `mutation { scanQRCode(input: { scanToken: "${scanToken}", wxCode: "abc" }) { status } }`,
      undefined,
      { authorization: `Bearer ${partnerToken("ivy", SECRET)}`, ...HEADERS },
    );
    const forged = await running.graphql(
      `mutation { scanQRCode(input: { scanToken: "${scanToken}" }) { status } }`,
      undefined,
      { authorization: `Bearer ${partnerToken("ivy", "not-the-secret")}`, ...HEADERS },
    );

    expect(withWxCode.errors?.[0]?.extensions).toMatchObject({ apiCode: 2010, field: "wxCode" });
    expect(forged.errors?.[0]?.extensions).toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("is taken by the REST facade's generate call, whose schema lists the server's types", async () => {
    const response = await fetch(`${running.baseUrl}/api/v3/gene-qrcode`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-authing-app-id": "partnered" },
      body: JSON.stringify({ type: PARTNER_APP }),
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      statusCode: 200,
      data: { qrcodeId: expect.any(String) },
    });
  });

  it("validates its connection settings with its own schema, naming the key", () => {
    const message = (connection: string) => {
      try {
        partnerConfig(connection);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error("expected a ConfigError");
    };

    expect(message("{ id: p, type: PARTNER_APP }")).toContain(
      "applications.0.connections.0.partner: required for PARTNER_APP",
    );
    expect(
      message(
        "{ id: p, type: PARTNER_APP, partner: { name: P, secret: { env: PARTNER_SECRET } }, wechat: { appId: x } }",
      ),
    ).toContain("applications.0.connections.0");
    expect(() =>
      loadConfig({
        QR_CONFIG: writeConfig(
          "p.yaml",
          "applications: [{ appId: a, name: A, connections: [{ id: p, type: PARTNER_APP }] }]\n",
        ),
      }),
    ).toThrow(/type: must be one of MOBILE_APP, WECHAT_MINIPROGRAM, WECHAT_OFFICIAL_ACCOUNT/);
  });
});
