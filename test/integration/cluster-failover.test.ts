import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as wait } from "node:timers/promises";

import { Redis } from "ioredis";

import {
  ConfirmQrCodeDocument,
  ExchangeQrCodeTicketDocument,
  QrCodeStatusChangedDocument,
  ScanQrCodeDocument,
} from "../../src/__generated__/client";
import { bearer, demoUserToken, expectNoErrors, issueCode } from "../support/login-flow";
import { subscribe, wsClient } from "../support/status-feed";
import { type RunningServer, startTestServer } from "../support/test-server";

/** A cluster of its own (the shared one on 7000 serves other test files at the same time). */
const FIRST_PORT = 7100;
const SCRIPT = join(__dirname, "../../scripts/redis-cluster.sh");
const clusterEnv = {
  ...process.env,
  REDIS_CLUSTER_PORT: String(FIRST_PORT),
  REDIS_CLUSTER_DIR: mkdtempSync(join(tmpdir(), "qr-failover-")),
};
const KEY_PREFIX = "failover:";

/** The port of the master that serves `key`'s slot now. */
async function masterPortOf(key: string): Promise<number> {
  const probe = new Redis({ port: FIRST_PORT + 1, lazyConnect: true });
  try {
    await probe.connect();
    const slot = Number(await probe.cluster("KEYSLOT", key));
    const shards = await probe.cluster("SLOTS");
    const owner = shards.find(([from, to]) => slot >= from && slot <= to);
    return owner?.[2]?.[1] ?? 0;
  } finally {
    probe.disconnect();
  }
}

/**
 * Waits until the replica of `key`'s master has every write made so far. Replication is
 * asynchronous: a master that dies before its replica has a write loses it, which is Redis's
 * documented trade and not what this test is about. WAIT counts only this connection's writes,
 * so a probe key in the same slot is written first; the replica acknowledging it has everything
 * before it too.
 */
async function replicated(masterPort: number, key: string): Promise<void> {
  const master = new Redis({ port: masterPort, lazyConnect: true });
  try {
    await master.connect();
    const tag = /\{[^}]*\}/.exec(key)?.[0] ?? key;
    await master.set(`${KEY_PREFIX}${tag}:probe`, "1");
    const acknowledged = await master.wait(1, 5000);
    if (acknowledged < 1) {
      throw new Error(`the replica of ${masterPort} did not catch up in 5 s`);
    }
  } finally {
    master.disconnect();
  }
}

/** Retries a scanner call through the switch, as the phone's client does on a retryable 503. */
async function untilAnswered<T extends { errors?: readonly { extensions: { apiCode: number } }[] }>(
  call: () => Promise<T>,
  seen: number[],
): Promise<T> {
  for (let attempt = 0; attempt < 150; attempt += 1) {
    const response = await call();
    const apiCode = response.errors?.[0]?.extensions.apiCode;
    if (apiCode !== 5000) {
      return response;
    }
    seen.push(apiCode);
    await wait(100);
  }
  throw new Error("the store never came back");
}

describe("a Redis Cluster master dies mid-login", () => {
  let a: RunningServer;
  let b: RunningServer;

  beforeAll(async () => {
    execFileSync(SCRIPT, [], { env: clusterEnv, stdio: "ignore" });
    const cluster = {
      nodes: [0, 1, 2].map((offset) => ({ host: "127.0.0.1", port: FIRST_PORT + offset })),
      tls: false,
    };
    a = await startTestServer({ redis: { cluster, keyPrefix: KEY_PREFIX } });
    b = await startTestServer({ redis: { cluster, keyPrefix: KEY_PREFIX } });
  }, 30_000);

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    execFileSync(SCRIPT, ["stop"], { env: clusterEnv, stdio: "ignore" });
  });

  it("finishes the login once its replica takes over: the page sees AUTHORIZED, one token set, 503s only during the switch", async () => {
    const alice = await demoUserToken("alice", "Alice");
    const code = await issueCode(a);
    const client = wsClient(b.baseUrl, { "x-app-id": "demo" });
    const feed = subscribe(client, QrCodeStatusChangedDocument, { qrcodeId: code.qrcodeId });
    await feed.next(1);
    const input = { input: { scanToken: code.scanToken } };
    expectNoErrors((await a.graphql(ScanQrCodeDocument, input, bearer(alice))).errors);
    await feed.next(2);

    const sessionKey = `${KEY_PREFIX}{${code.qrcodeId.slice(0, 12)}}:session`;
    const master = await masterPortOf(sessionKey);
    await replicated(master, sessionKey);
    execFileSync("redis-cli", ["-p", String(master), "shutdown", "nosave"], { stdio: "ignore" });
    const retried: number[] = [];
    const confirmed = await untilAnswered(
      () => a.graphql(ConfirmQrCodeDocument, input, bearer(alice)),
      retried,
    );

    expectNoErrors(confirmed.errors);
    expect(confirmed.data?.confirmQRCode.status).toBe("AUTHORIZED");
    // The switch was seen (the master was gone when the confirm came), as retryable 503s only.
    expect(retried.length).toBeGreaterThan(0);
    expect(new Set(retried)).toEqual(new Set([5000]));
    const events = await feed.next(3);
    expect(events[2]?.qrCodeStatusChanged.status).toBe("AUTHORIZED");
    const ticket = events[2]?.qrCodeStatusChanged.ticket ?? "";
    await client.dispose();
    const exchanged = await untilAnswered(
      () => b.graphql(ExchangeQrCodeTicketDocument, { ticket }),
      retried,
    );
    expectNoErrors(exchanged.errors);
    const again = await a.graphql(ExchangeQrCodeTicketDocument, { ticket });
    expect(again.data?.exchangeQRCodeTicket.accessToken).toBe(
      exchanged.data?.exchangeQRCodeTicket.accessToken,
    );
  }, 60_000);
});
