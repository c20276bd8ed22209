import type WebSocket from "ws";

import { BenchGraphQLClient } from "./graphql-client";
import { openPage } from "./ws-page";

/**
 * A process of login pages, for `idle-pages.ts`: one process holds at most the machine's
 * open-file limit of sockets, so the pages are spread over several. Asked by IPC: make `count`
 * codes (one per page), then open a page for each (a WebSocket and its status subscription),
 * then close them all.
 */
const [baseUrl = "", countText = "0"] = process.argv.slice(2);
const count = Number(countText);
const GENERATE = `mutation { generateQRCode(input: { type: MOBILE_APP }) { qrcodeId } }`;
const OPEN_BATCH = 250;
const sockets: WebSocket[] = [];
const codes: string[] = [];

async function makeCodes(): Promise<void> {
  const client = new BenchGraphQLClient(`${baseUrl}/graphql`, 20);
  while (codes.length < count) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(100, count - codes.length) }, () =>
        client.post<{ generateQRCode: { qrcodeId: string } }>(GENERATE, {}, { "x-app-id": "demo" }),
      ),
    );
    for (const answer of batch) {
      const qrcodeId = answer.data?.generateQRCode.qrcodeId;
      if (!qrcodeId) {
        throw new Error(`generateQRCode failed: ${JSON.stringify(answer.errors)}`);
      }
      codes.push(qrcodeId);
    }
  }
  client.close();
}

async function openPages(): Promise<void> {
  for (let start = 0; start < codes.length; start += OPEN_BATCH) {
    await Promise.all(
      codes.slice(start, start + OPEN_BATCH).map((qrcodeId) => {
        const page = openPage(baseUrl, qrcodeId, () => undefined);
        sockets.push(page.socket);
        return page.subscribed;
      }),
    );
  }
}

process.on("message", (step: string) => {
  const run = async () => {
    if (step === "codes") {
      await makeCodes();
    } else if (step === "pages") {
      await openPages();
    } else {
      sockets.forEach((socket) => socket.terminate());
    }
    process.send?.(step);
    if (step === "close") {
      process.exit(0);
    }
  };
  run().catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
});
