import { readFileSync } from "node:fs";

import type WebSocket from "ws";

import { mintAppToken } from "../src/auth/mint-app-token";
import { DEMO_APP_TOKENS } from "../src/config/demo-application";
import { BenchGraphQLClient } from "./graphql-client";
import { percentile } from "./logins";
import { openPage } from "./ws-page";

const GENERATE = `mutation { generateQRCode(input: { type: MOBILE_APP }) { qrcodeId url } }`;
const SCAN = `mutation ($t: String!) { scanQRCode(input: { scanToken: $t }) { status } }`;
/** Connections opened at once: the listen backlog is 511, and a login page opens one anyway. */
const OPEN_BATCH = 250;

export interface SubscriptionFigures {
  readonly subscriptions: number;
  readonly rssBeforeMb: number;
  readonly rssHeldMb: number;
  readonly fanOutP99Ms: number;
  readonly fanOutSamples: number;
}

/**
 * Holds `subscriptions` idle graphql-ws subscriptions (two per code, as two tabs of a login
 * page), reports the server's RSS, then scans codes one by one and times how long until every
 * subscriber of the code hears SCANNED.
 */
export async function measureSubscriptions(
  baseUrl: string,
  serverPid: number,
  subscriptions: number,
  samples = 300,
): Promise<SubscriptionFigures> {
  const client = new BenchGraphQLClient(`${baseUrl}/graphql`, 50);
  const rssBeforeMb = rssMb(serverPid);
  const codeCount = Math.ceil(subscriptions / 2);
  const codes: { qrcodeId: string; scanToken: string }[] = [];
  while (codes.length < codeCount) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, codeCount - codes.length) }, () =>
        client.post<{ generateQRCode: { qrcodeId: string; url: string } }>(
          GENERATE,
          {},
          {
            "x-app-id": "demo",
          },
        ),
      ),
    );
    for (const result of batch) {
      const code = result.data?.generateQRCode;
      const scanToken = code && /\/qrcode\/([^.]+)\.png$/.exec(code.url)?.[1];
      if (code && scanToken) {
        codes.push({ qrcodeId: code.qrcodeId, scanToken });
      }
    }
  }

  const sockets: WebSocket[] = [];
  const arrivals = new Map<string, () => void>();
  for (let start = 0; start < subscriptions; start += OPEN_BATCH) {
    await Promise.all(
      Array.from({ length: Math.min(OPEN_BATCH, subscriptions - start) }, (_, offset) => {
        const code = codes[Math.floor((start + offset) / 2)] as (typeof codes)[number];
        const page = openPage(baseUrl, code.qrcodeId, (status) => {
          if (status === "SCANNED") {
            arrivals.get(code.qrcodeId)?.();
          }
        });
        sockets.push(page.socket);
        return page.subscribed;
      }),
    );
  }
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const rssHeldMb = rssMb(serverPid);

  const token = await mintAppToken(DEMO_APP_TOKENS, { sub: "fan-out", name: "Fan Out" });
  const latencies: number[] = [];
  for (const code of codes.slice(0, samples)) {
    let remaining = 2;
    // Resolves when every subscriber of the code has heard SCANNED.
    const seen = new Promise<void>((resolve) => {
      arrivals.set(code.qrcodeId, () => {
        remaining -= 1;
        if (remaining === 0) {
          resolve();
        }
      });
    });
    const started = performance.now();
    await client.post(SCAN, { t: code.scanToken }, { authorization: `Bearer ${token}` });
    await seen;
    latencies.push(performance.now() - started);
  }

  for (const socket of sockets) {
    socket.terminate();
  }
  client.close();
  return {
    subscriptions: sockets.length,
    rssBeforeMb,
    rssHeldMb,
    fanOutP99Ms: percentile(latencies, 0.99),
    fanOutSamples: latencies.length,
  };
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}
