import { mintAppToken } from "../src/auth/mint-app-token";
import { DEMO_APP_TOKENS } from "../src/config/demo-application";
import { BenchGraphQLClient } from "./graphql-client";

const GENERATE = `mutation { generateQRCode(input: { type: MOBILE_APP, customData: { school: "hust" } }) { qrcodeId url } }`;
const SCAN = `mutation ($t: String!) { scanQRCode(input: { scanToken: $t }) { status applicationName } }`;
const CONFIRM = `mutation ($t: String!) { confirmQRCode(input: { scanToken: $t }) { status } }`;
const STATUS = `query ($id: String!) { qrCodeStatus(qrcodeId: $id) { status ticket briefUserInfo { displayName } } }`;
const EXCHANGE = `mutation ($ticket: String!) { exchangeQRCodeTicket(ticket: $ticket) { accessToken idToken expiresIn user { id customData } } }`;

export interface LoginRate {
  /** Whole logins done. */
  readonly logins: number;
  readonly loginsPerSecond: number;
  readonly p99Ms: number;
  readonly failures: number;
}

/**
 * Whole logins, back to back on `concurrency` workers: generate, scan, confirm, status,
 * exchange (5 requests), each with its own code and one of 1000 users' app tokens.
 */
export async function measureLogins(
  endpoints: string | readonly string[],
  seconds: number,
  concurrency = 50,
): Promise<LoginRate> {
  const users = await Promise.all(
    Array.from({ length: 1000 }, (_, index) =>
      mintAppToken(DEMO_APP_TOKENS, { sub: `user-${index}`, name: `User ${index}` }),
    ),
  );
  // Several endpoints: each request goes to the next, as a round-robin load balancer sends them.
  const clients = (typeof endpoints === "string" ? [endpoints] : endpoints).map(
    (endpoint) => new BenchGraphQLClient(endpoint, concurrency),
  );
  let turn = 0;
  const client = {
    post: <T>(query: string, variables: Record<string, unknown>, headers: Record<string, string>) =>
      (clients[turn++ % clients.length] as BenchGraphQLClient).post<T>(query, variables, headers),
  };
  const page = { "x-app-id": "demo" };
  const durations: number[] = [];
  let failures = 0;
  let userIndex = 0;

  const loginOnce = async (): Promise<boolean> => {
    const scanner = { authorization: `Bearer ${users[userIndex++ % users.length]}` };
    const generated = await client.post<{ generateQRCode: { qrcodeId: string; url: string } }>(
      GENERATE,
      {},
      page,
    );
    const code = generated.data?.generateQRCode;
    const scanToken = code && /\/qrcode\/([^.]+)\.png$/.exec(code.url)?.[1];
    if (!code || !scanToken) {
      return false;
    }
    await client.post(SCAN, { t: scanToken }, scanner);
    await client.post(CONFIRM, { t: scanToken }, scanner);
    const status = await client.post<{ qrCodeStatus: { ticket: string | null } }>(
      STATUS,
      { id: code.qrcodeId },
      page,
    );
    const ticket = status.data?.qrCodeStatus.ticket;
    if (!ticket) {
      return false;
    }
    const exchanged = await client.post<{ exchangeQRCodeTicket: unknown }>(
      EXCHANGE,
      { ticket },
      page,
    );
    return Boolean(exchanged.data?.exchangeQRCodeTicket);
  };

  const deadline = Date.now() + seconds * 1000;
  const worker = async () => {
    while (Date.now() < deadline) {
      const started = performance.now();
      const ok = await loginOnce().catch(() => false);
      if (ok) {
        durations.push(performance.now() - started);
      } else {
        failures++;
      }
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (Date.now() - started) / 1000;
  for (const each of clients) {
    each.close();
  }
  return {
    logins: durations.length,
    loginsPerSecond: durations.length / elapsed,
    p99Ms: percentile(durations, 0.99),
    failures,
  };
}

export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) {
    return Number.NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] as number;
}
