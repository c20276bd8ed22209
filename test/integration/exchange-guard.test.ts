import { ExchangeQrCodeTicketDocument, QrCodeStatusDocument } from "../../src/__generated__/client";
import {
  demoUserToken,
  expectNoErrors,
  issueCode,
  onlyError,
  scanAndConfirm,
} from "../support/login-flow";
import { type RunningServer, startTestServer } from "../support/test-server";

/** The server trusts one proxy hop, so each request names its client in x-forwarded-for. */
function from(address: string): Record<string, string> {
  return { "x-forwarded-for": address };
}

describe("failed ticket exchanges never block someone else's valid one", () => {
  let running: RunningServer;

  // A server each: the counts of one test must not reach the next.
  beforeEach(async () => {
    running = await startTestServer({ trustProxy: { kind: "hops", hops: 1 } });
  });

  afterEach(() => running.close());

  const guess = (address: string) =>
    running.graphql(
      ExchangeQrCodeTicketDocument,
      { ticket: `made-up-${Math.random().toString(36).slice(2)}-ticket` },
      from(address),
    );

  it("exchanges a valid ticket after 310 failures from 31 addresses put the application over its count", async () => {
    const failures = await Promise.all(
      Array.from({ length: 31 }, async (_, host) => {
        const codes = [];
        for (let sent = 0; sent < 10; sent += 1) {
          codes.push(onlyError((await guess(`198.51.100.${host + 1}`)).errors).extensions.apiCode);
        }
        return codes;
      }),
    );
    expect(failures.flat()).toContain(3022); // the application is over its count: guesses say so

    const code = await issueCode(running, undefined, from("203.0.113.50"));
    expectNoErrors((await scanAndConfirm(running, code, await demoUserToken("ann"))).errors);
    const status = await running.graphql(
      QrCodeStatusDocument,
      { qrcodeId: code.qrcodeId },
      from("203.0.113.50"),
    );
    const ticket = status.data?.qrCodeStatus.ticket ?? "";

    const exchanged = await running.graphql(
      ExchangeQrCodeTicketDocument,
      { ticket },
      from("203.0.113.50"),
    );

    expectNoErrors(exchanged.errors);
    expect(exchanged.data?.exchangeQRCodeTicket.user.id).toBeTruthy();
  });

  it("counts every address of one IPv6 /64 as one client", async () => {
    const answers = [];
    for (let host = 1; host <= 11; host += 1) {
      answers.push(onlyError((await guess(`2001:db8:7:7::${host.toString(16)}`)).errors));
    }

    expect(answers.slice(0, 10).map((error) => error.extensions.apiCode)).toEqual(
      Array(10).fill(3010),
    );
    expect(answers[10]?.extensions).toMatchObject({ apiCode: 3022, statusCode: 429 });
    const elsewhere = onlyError((await guess("2001:db8:7:8::1")).errors);
    expect(elsewhere.extensions.apiCode).toBe(3010);
  });
});
