import { type ChildProcess, fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { startNode, waitUntilUp } from "./processes";

/** Pages one client process holds: under this machine's open-file limit (20,000). */
const PAGES_PER_WORKER = 5_000;

export interface IdlePageFigures {
  readonly pages: number;
  readonly rssWithCodesMb: number;
  readonly rssWithPagesMb: number;
  /** What one waiting page adds to the replica's RSS: its socket, its graphql-ws context, its
   * subscription and its share of the event feed (the codes themselves are counted before). */
  readonly kbPerPage: number;
}

/**
 * `pages` login pages waiting on one replica (memory store), one code each, their clients in
 * other processes. RSS is read after the codes exist and again once every page is subscribed,
 * so the difference is the pages alone.
 */
export async function measureIdlePages(port: number, pages: number): Promise<IdlePageFigures> {
  const url = `http://127.0.0.1:${port}`;
  const service = startNode("src/main.js", {
    PORT: String(port),
    LOG_LEVEL: "warn",
    PUBLIC_URL: url,
    MAX_SUBSCRIPTIONS_PER_CODE: "10",
  });
  const workers: ChildProcess[] = [];
  try {
    await waitUntilUp(`${url}/healthz`);
    for (let left = pages; left > 0; left -= PAGES_PER_WORKER) {
      workers.push(
        fork(join(__dirname, "idle-page-worker.js"), [
          url,
          String(Math.min(left, PAGES_PER_WORKER)),
        ]),
      );
    }
    await step(workers, "codes");
    const rssWithCodesMb = settledRssMb(service.pid ?? 0);
    // One process at a time: together they would overflow the listen backlog (511).
    for (const worker of workers) {
      await step([worker], "pages");
    }
    const rssWithPagesMb = settledRssMb(service.pid ?? 0);
    await step(workers, "close");
    return {
      pages,
      rssWithCodesMb,
      rssWithPagesMb,
      kbPerPage: ((rssWithPagesMb - rssWithCodesMb) * 1024) / pages,
    };
  } finally {
    workers.forEach((worker) => worker.kill());
    service.kill("SIGTERM");
  }
}

function step(workers: readonly ChildProcess[], name: string): Promise<unknown> {
  return Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          worker.once("message", () => resolve());
          worker.once("exit", (code) =>
            code ? reject(new Error(`worker exited ${code}`)) : resolve(),
          );
          worker.send(name);
        }),
    ),
  );
}

/** RSS after a pause, so garbage of the burst just made is collected before it is read. */
function settledRssMb(pid: number): number {
  const until = Date.now() + 3000;
  while (Date.now() < until) {
    // A busy wait: the bench's own event loop has nothing else to do meanwhile.
  }
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

if (require.main === module) {
  const pages = Number(process.env.BENCH_PAGES ?? 19_000);
  measureIdlePages(4230, pages).then(
    (figures) => process.stdout.write(`${JSON.stringify(figures)}\n`),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
}
