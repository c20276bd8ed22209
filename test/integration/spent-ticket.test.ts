import { setTimeout } from "node:timers/promises";

import {
  ExchangeQrCodeTicketDocument,
  QrCodeStatusChangedDocument,
  QrCodeStatusDocument,
} from "../../src/__generated__/client";
import { DEMO_APPLICATION } from "../../src/config/demo-application";
import { demoUserToken, expectNoErrors, issueCode, scanAndConfirm } from "../support/login-flow";
import { subscribe, wsClient } from "../support/status-feed";
import { type RunningServer, startTestServer } from "../support/test-server";

describe("a spent ticket stays spent: the status stops showing it", () => {
  let running: RunningServer;

  beforeAll(async () => {
    running = await startTestServer();
  });

  afterAll(() => running.close());

  const status = async (qrcodeId: string) => {
    await setTimeout(DEMO_APPLICATION.pollIntervalMs + 10); // the application's polling pace
    const response = await running.graphql(QrCodeStatusDocument, { qrcodeId });
    expectNoErrors(response.errors);
    return response.data?.qrCodeStatus;
  };

  it("answers AUTHORIZED without the ticket once it is exchanged, on GraphQL, REST and a late subscription; the ticket's holder still gets its tokens again", async () => {
    const code = await issueCode(running);
    expectNoErrors((await scanAndConfirm(running, code, await demoUserToken("bea"))).errors);
    const ticket = (await status(code.qrcodeId))?.ticket ?? "";
    expect(ticket).not.toBe("");

    const first = await running.graphql(ExchangeQrCodeTicketDocument, { ticket });
    expectNoErrors(first.errors);

    const polled = await status(code.qrcodeId);
    expect(polled).toMatchObject({ status: "AUTHORIZED", ticket: null });
    await setTimeout(DEMO_APPLICATION.pollIntervalMs + 10);
    const rest = await fetch(
      `${running.baseUrl}/api/v3/get-qrcode-status?qrcodeId=${code.qrcodeId}`,
      { headers: { "x-authing-app-id": DEMO_APPLICATION.appId } },
    );
    const restBody = (await rest.json()) as { data: { status: string; ticket?: string } };
    expect(restBody.data.status).toBe("AUTHORIZED");
    expect(restBody.data.ticket).toBeUndefined();
    const client = wsClient(running.baseUrl, { "x-app-id": DEMO_APPLICATION.appId });
    const late = subscribe(client, QrCodeStatusChangedDocument, { qrcodeId: code.qrcodeId });
    const [seen] = await late.next(1);
    expect(seen?.qrCodeStatusChanged).toMatchObject({ status: "AUTHORIZED", ticket: null });
    await client.dispose();
    const retried = await running.graphql(ExchangeQrCodeTicketDocument, { ticket });
    expectNoErrors(retried.errors);
    expect(retried.data?.exchangeQRCodeTicket.accessToken).toBe(
      first.data?.exchangeQRCodeTicket.accessToken,
    );
  });
});
