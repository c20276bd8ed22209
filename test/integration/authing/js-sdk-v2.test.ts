import { AuthenticationClient } from "authing-js-sdk";
import { createRemoteJWKSet, jwtVerify } from "jose";

import { demoLikeApplication } from "../../support/applications";
import { demoUserToken } from "../../support/login-flow";
import { type RunningServer, startTestServer } from "../../support/test-server";
import { until } from "../../support/until";

/** What `startPolling` reported, in order. */
type Seen = [event: string, ...details: unknown[]];

/** `authing-js-sdk` (v4, the v2 API its Guard uses), unmodified, pointed at this service. */
describe("authing-js-sdk against the v2 facade", () => {
  let api: RunningServer;

  beforeAll(async () => {
    api = await startTestServer({
      applications: [
        demoLikeApplication("web"),
        demoLikeApplication("brief", { qrCodeLifetimeSeconds: 1 }),
      ],
    });
  });

  afterAll(() => api?.close());

  const client = (appId: string, lang?: "zh-CN" | "en-US") =>
    new AuthenticationClient({ appId, appHost: api.baseUrl, ...(lang ? { lang } : {}) });

  /** The company's app: the v2 scanner calls, with its user's bearer token. */
  async function phone(step: "scanned" | "confirm" | "cancel", random: string, name: string) {
    const response = await fetch(`${api.baseUrl}/api/v2/qrcode/${step}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${await demoUserToken(name.toLowerCase(), name)}`,
      },
      body: JSON.stringify({ random }),
    });
    return (await response.json()) as { code: number; data: { status: number } | null };
  }

  /** Polls as the SDK does (every 800 ms) until one of the final callbacks. */
  function poll(sdk: AuthenticationClient, random: string): { seen: Seen[]; done: Promise<void> } {
    const seen: Seen[] = [];
    let finish: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (finish = resolve));
    void sdk.qrcode.startPolling(random, {
      onScanned: (userInfo) => seen.push(["scanned", userInfo]),
      onSuccess: (userInfo, ticket) => (seen.push(["success", userInfo, ticket]), finish()),
      onCancel: () => (seen.push(["cancel"]), finish()),
      onExpired: () => (seen.push(["expired"]), finish()),
      onError: (message) => (seen.push(["error", message]), finish()),
    });
    return { seen, done };
  }

  const scanTokenOf = (url: string) => /\/qrcode\/(\w+)\.png$/.exec(url)?.[1] as string;

  it("polls to onScanned then onSuccess with the ticket, and exchangeUserInfo returns the user and a verifiable token", async () => {
    const sdk = client("web");
    const { random, url } = await sdk.qrcode.geneCode({ customData: { plan: "pro" } });
    const { seen, done } = poll(sdk, random);
    expect(await phone("scanned", scanTokenOf(url), "Alice")).toMatchObject({
      code: 200,
      data: { status: 1 },
    });
    // The SDK's own poll must see SCANNED before the confirm, or it skips onScanned.
    await until(async () => seen.length > 0);
    expect(await phone("confirm", scanTokenOf(url), "Alice")).toMatchObject({
      code: 200,
      data: { status: 2 },
    });
    await done;

    expect(seen.map(([event]) => event)).toEqual(["scanned", "success"]);
    expect(seen[0]?.[1]).toMatchObject({ nickname: "Alice" });
    const ticket = seen[1]?.[2] as string;
    const user = await sdk.qrcode.exchangeUserInfo(ticket);
    expect(user).toMatchObject({ id: "alice", nickname: "Alice", customData: { plan: "pro" } });
    const jwks = createRemoteJWKSet(new URL(`${api.baseUrl}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(user.token as string, jwks, { audience: "web" });
    expect(payload.sub).toBe("alice");
  });

  it("reaches onCancel when the person refuses on the phone", async () => {
    const sdk = client("web");
    const { random, url } = await sdk.qrcode.geneCode();
    const { seen, done } = poll(sdk, random);
    await phone("scanned", scanTokenOf(url), "Bob");
    await phone("cancel", scanTokenOf(url), "Bob");
    await done;
    expect(seen.at(-1)).toEqual(["cancel"]);
  });

  it("reaches onExpired when the code expires unscanned", async () => {
    const sdk = client("brief");
    const { random, expiresIn } = (await sdk.qrcode.geneCode()) as unknown as {
      random: string;
      expiresIn: number;
    };
    expect(expiresIn).toBe(1);
    const { seen, done } = poll(sdk, random);
    await done;
    expect(seen).toEqual([["expired"]]);
  });

  it("throws errors where the SDK's caller catches them, in Chinese by default and in English on request", async () => {
    await expect(
      client("web").qrcode.exchangeUserInfo("NoSuchTicketNoSuchTicket0000"),
    ).rejects.toMatchObject({
      code: 3010,
      message: "ticket 不存在",
    });
    await expect(
      client("web", "en-US").qrcode.checkStatus("NoSuchCodeNoSuchCode0000"),
    ).rejects.toMatchObject({
      code: 3000,
      message: expect.stringContaining("no live QR code"),
    });
    await expect(client("nobody").qrcode.geneCode()).rejects.toMatchObject({ code: 2101 });
  });

  it("keeps answering an AUTHORIZED code's same ticket to overlapping polls (the SDK may call onSuccess twice)", async () => {
    const sdk = client("web");
    const { random, url } = await sdk.qrcode.geneCode();
    await phone("scanned", scanTokenOf(url), "Carol");
    await phone("confirm", scanTokenOf(url), "Carol");
    const first = await sdk.qrcode.checkStatus(random);
    // The second poll as soon as the application's pace allows: the service says when.
    const second = await pacedCheck(() => sdk.qrcode.checkStatus(random));
    expect(first).toMatchObject({ status: 2, ticket: expect.any(String) });
    expect(second.ticket).toBe(first.ticket);
  });

  it("refuses the page's random on the scanner's calls", async () => {
    const sdk = client("web");
    const { random } = await sdk.qrcode.geneCode();
    expect(await phone("scanned", random, "Mallory")).toMatchObject({ code: 3000, data: null });
  });
});

/** Polls again after the `retryAfterMs` a pace refusal (3020) names, as a client should. */
async function pacedCheck<T>(check: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await check();
    } catch (error) {
      const { code, data } = error as { code?: number; data?: { retryAfterMs?: number } };
      if (code !== 3020 || attempt === 10) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, data?.retryAfterMs ?? 200));
    }
  }
}
