import {
  ExchangeQrCodeTicketDocument,
  type ExchangeQrCodeTicketMutation,
  QrCodeStatusDocument,
} from "../../src/__generated__/client";
import {
  demoUserToken,
  expectNoErrors,
  issueCode,
  onlyError,
  scanAndConfirm,
} from "../support/login-flow";
import { deleteKeys, REDIS_TEST_ADDRESS, uniqueKeyPrefix } from "../support/redis";
import { TcpProxy } from "../support/tcp-proxy";
import { type GraphQLResponse, type RunningServer, startTestServer } from "../support/test-server";
import { until } from "../support/until";

/** The Redis command that takes a ticket: a script call on a one-time key. */
const isTicketTake = (chunk: string) =>
  /\r\neval(sha)?\r\n/i.test(chunk) && chunk.includes("o:ticket:");

/** A person confirmed on the phone; Redis falters while the page exchanges the ticket. */
describe("the ticket exchange when Redis falters", () => {
  const keyPrefix = uniqueKeyPrefix("exchange-faults");
  const proxy = new TcpProxy(REDIS_TEST_ADDRESS.host, REDIS_TEST_ADDRESS.port);
  let running: RunningServer;
  let alice: string;

  beforeAll(async () => {
    await proxy.start();
    running = await startTestServer({
      redis: { url: `redis://127.0.0.1:${proxy.port}/0`, keyPrefix },
    });
    alice = await demoUserToken("alice", "Alice");
  });

  afterAll(async () => {
    await running.close();
    await proxy.cut();
    await deleteKeys(keyPrefix);
  });

  async function confirmedTicket(): Promise<string> {
    const code = await issueCode(running);
    expectNoErrors((await scanAndConfirm(running, code, alice)).errors);
    const status = await running.graphql(QrCodeStatusDocument, { qrcodeId: code.qrcodeId });
    expectNoErrors(status.errors);
    return status.data?.qrCodeStatus.ticket ?? "";
  }

  const exchange = (ticket: string) => running.graphql(ExchangeQrCodeTicketDocument, { ticket });
  const ready = () => fetch(`${running.baseUrl}/readyz`).then((response) => response.ok);

  function tokensOf(response: GraphQLResponse<ExchangeQrCodeTicketMutation>): string {
    expectNoErrors(response.errors);
    return response.data?.exchangeQRCodeTicket.accessToken ?? "";
  }

  it("gives the login to a retry when the reply of the take was lost", async () => {
    const ticket = await confirmedTicket();

    proxy.dropRepliesFrom(isTicketTake);
    const lost = await exchange(ticket);
    expect(onlyError(lost.errors).extensions).toMatchObject({ apiCode: 5000 });
    await proxy.cut();
    await proxy.restore();
    await until(ready);

    const retried = tokensOf(await exchange(ticket));
    const again = tokensOf(await exchange(ticket));
    expect(retried).toMatch(/^ey/);
    expect(again).toBe(retried);
  });

  it("gives the login to a retry after Redis stalled past the command timeout", async () => {
    const ticket = await confirmedTicket();

    proxy.stallFrom(isTicketTake, 3_000);
    const stalled = await exchange(ticket);
    expect(onlyError(stalled.errors).extensions).toMatchObject({ apiCode: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await until(ready);

    expect(tokensOf(await exchange(ticket))).toMatch(/^ey/);
  });

  it("issues one token set for one login: concurrent exchanges get that set or a coded refusal", async () => {
    const ticket = await confirmedTicket();

    const answers = await Promise.all(Array.from({ length: 12 }, () => exchange(ticket)));

    const sets = new Set(
      answers.flatMap((answer) => {
        const tokens = answer.data?.exchangeQRCodeTicket;
        return tokens ? [`${tokens.accessToken} ${tokens.idToken}`] : [];
      }),
    );
    expect(sets.size).toBe(1);
    for (const refused of answers.filter((answer) => answer.errors)) {
      expect(onlyError(refused.errors).extensions.apiCode).toEqual(expect.any(Number));
    }
  });
});
