import {
  ConfirmQrCodeDocument,
  GenerateQrCodeDocument,
  QrCodeStatusChangedDocument,
  ScanQrCodeDocument,
} from "../../src/__generated__/client";
import { mintAppToken } from "../../src/auth/mint-app-token";
import { ACME, ACME_APP_TOKEN_SECRET } from "../support/applications";
import { type RunningGateway, startApolloGateway, startHiveGateway } from "../support/gateways";
import { bearer, expectNoErrors, issueCode } from "../support/login-flow";
import { subscribe, wsClient } from "../support/status-feed";
import { graphqlClient, type RunningServer, startTestServer } from "../support/test-server";

const BROWSER = {
  origin: "https://login.acme.test",
  "user-agent":
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  // The load balancer in front of the gateway said who the browser is.
  "x-forwarded-for": "203.0.113.7",
  "x-app-id": "acme",
};

async function acmeUserToken(sub: string): Promise<string> {
  return mintAppToken(
    {
      issuer: ACME.appTokens?.issuer ?? "",
      audience: ACME.appTokens?.audience ?? "",
      secret: ACME_APP_TOKEN_SECRET,
    },
    { sub },
  );
}

describe.each([
  ["@apollo/gateway", startApolloGateway],
  ["Hive Gateway", startHiveGateway],
] as const)("through %s, the phone's card tells the truth", (_name, startGateway) => {
  let qr: RunningServer;
  let gateway: RunningGateway;

  beforeAll(async () => {
    // The subgraph believes X-Forwarded-For from loopback: the gateway, and the test's
    // stand-in for the load balancer.
    qr = await startTestServer({
      applications: [ACME],
      trustProxy: { kind: "addresses", addresses: ["loopback"] },
    });
    gateway = await startGateway(`${qr.baseUrl}/graphql`);
  });

  afterAll(async () => {
    await gateway?.close();
    await qr?.close();
  });

  it("shows the browser's origin, browser and address on the scan result", async () => {
    const viaGateway = graphqlClient(gateway.baseUrl);
    const { scanToken } = await issueCode(viaGateway, undefined, BROWSER);
    const scanned = await viaGateway.graphql(
      ScanQrCodeDocument,
      { input: { scanToken } },
      { ...bearer(await acmeUserToken("ivy")), "x-app-id": "" },
    );

    expectNoErrors(scanned.errors);
    expect(scanned.data?.scanQRCode).toMatchObject({
      requestOrigin: BROWSER.origin,
      requestUserAgent: BROWSER["user-agent"],
      requestIp: "203.0.113.7",
    });
  });

  it("holds the application's allowedOrigins: a page elsewhere is refused", async () => {
    const refused = await graphqlClient(gateway.baseUrl).graphql(
      GenerateQrCodeDocument,
      { input: { type: "MOBILE_APP" } },
      { ...BROWSER, origin: "https://evil.test" },
    );

    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
    expect(refused.data?.generateQRCode ?? null).toBeNull();
  });
});

describe("subscriptions through Hive Gateway", () => {
  let qr: RunningServer;
  let gateway: RunningGateway;

  beforeAll(async () => {
    qr = await startTestServer({ applications: [ACME] });
    gateway = await startHiveGateway(`${qr.baseUrl}/graphql`);
  });

  afterAll(async () => {
    await gateway?.close();
    await qr?.close();
  });

  it("follow a code from PENDING to AUTHORIZED with its ticket, over graphql-ws to the gateway and from it to us", async () => {
    const { qrcodeId, scanToken } = await issueCode(
      graphqlClient(gateway.baseUrl),
      undefined,
      BROWSER,
    );
    const client = wsClient(gateway.baseUrl, { "x-app-id": "acme" });
    const feed = subscribe(client, QrCodeStatusChangedDocument, { qrcodeId });
    await feed.next(1);

    const phone = { ...bearer(await acmeUserToken("ivy")), "x-app-id": "" };
    await qr.graphql(ScanQrCodeDocument, { input: { scanToken } }, phone);
    await qr.graphql(ConfirmQrCodeDocument, { input: { scanToken } }, phone);
    const events = await feed.next(3);
    client.dispose();

    expect(events.map((event) => event.qrCodeStatusChanged.status)).toEqual([
      "PENDING",
      "SCANNED",
      "AUTHORIZED",
    ]);
    expect(events[2]?.qrCodeStatusChanged.ticket).toEqual(expect.any(String));
  });
});
