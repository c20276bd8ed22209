import { load } from "./load";
import { LOAD_CORE, runNodeAsync, startNode, waitUntilUp } from "./processes";
import { type Row } from "./report";

const GENERATE = JSON.stringify({
  query: "mutation { generateQRCode(input: { type: MOBILE_APP }) { qrcodeId url expiresAt } }",
});
const HEADERS = { "content-type": "application/json", "x-app-id": "demo" };
const ROUNDS = 3;

/**
 * What counting costs: generateQRCode on a service with metrics on against the same service with
 * them off, loaded side by side (median of rounds), and how long a scrape of `/metrics` takes
 * while the service is under that load.
 */
export async function benchMetricsCost(rows: Row[], seconds: number): Promise<void> {
  const start = (port: number, metricsPort: string) =>
    startNode("src/main.js", {
      PORT: String(port),
      LOG_LEVEL: "warn",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      METRICS_PORT: metricsPort,
      METRICS_HOST: "127.0.0.1",
    });
  const services = [start(4260, "0"), start(4261, "4262")];
  const [off, on] = ["http://127.0.0.1:4260", "http://127.0.0.1:4261"] as const;
  try {
    await Promise.all([off, on].map((url) => waitUntilUp(`${url}/healthz`)));
    const generate = (url: string, duration: number, overallRate?: number) =>
      load({
        url: `${url}/graphql`,
        method: "POST",
        headers: HEADERS,
        body: GENERATE,
        duration,
        ...(overallRate ? { overallRate } : {}),
      });
    await Promise.all([generate(off, 2), generate(on, 2)]);
    const offRps: number[] = [];
    const onRps: number[] = [];
    const scrapes: number[] = [];
    const roundSeconds = Math.max(2, Math.round(seconds / 2));
    // Both at once, on the same core: the scheduler gives each the same CPU time, so a burst
    // of someone else's work on this shared machine slows both alike, and the ratio of their
    // throughputs is the ratio of their costs per request.
    for (let round = 0; round < ROUNDS; round++) {
      const [offRound, onRound] = await Promise.all([
        generate(off, roundSeconds),
        generate(on, roundSeconds),
      ]);
      offRps.push(offRound.rps);
      onRps.push(onRound.rps);
    }
    const ratio = median(onRps) / median(offRps);
    rows.push({
      figure: "generateQRCode, metrics on vs off (side by side on one core, medians)",
      value: `${median(onRps).toFixed(0)} req/s`,
      baseline: `${median(offRps).toFixed(0)} req/s`,
      ratio: `${ratio.toFixed(2)}×`,
      target: "≥ 0.95×",
      ok: ratio >= 0.95,
    });
    // Scrapes while the service carries a steady load it can keep up with (the rate it reached
    // on half the core, now alone on the core: about half busy), from a process of their own. A
    // saturated service queues a scrape behind every waiting request, which times the queue.
    const steadyRate = Math.round(median(onRps));
    await Promise.all([
      generate(on, seconds, steadyRate),
      runNodeAsync(
        "bench/scrape-timer.js",
        ["http://127.0.0.1:4262/metrics", String(seconds * 1000)],
        LOAD_CORE,
      ).then((output) => scrapes.push(...(JSON.parse(output) as number[]))),
    ]);
    const slowest = Math.max(...scrapes);
    rows.push({
      figure: `a scrape of /metrics under a steady ${steadyRate} generateQRCode/s (${scrapes.length} scrapes)`,
      value: `median ${median(scrapes).toFixed(1)} ms, slowest ${slowest.toFixed(1)} ms`,
      target: "< 50 ms",
      ok: slowest < 50,
    });
  } finally {
    services.forEach((service) => service.kill("SIGTERM"));
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
