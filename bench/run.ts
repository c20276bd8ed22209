import { randomBytes } from "node:crypto";

import { measureCapacity } from "./capacity";
import { benchCluster } from "./cluster";
import { benchDeviceFlow } from "./device-flow";
import { benchFacade } from "./facade";
import { measureIdlePages } from "./idle-pages";
import { load, type LoadResult } from "./load";
import { measureLogins } from "./logins";
import { benchMetricsCost } from "./metrics-cost";
import { LOAD_CORE, pinSelf, runNode, startNode, waitUntilUp } from "./processes";
import { benchReplicas } from "./replicas";
import { printReport, type Row } from "./report";
import { measureSubscriptions } from "./subscriptions";
import { benchWeChat } from "./wechat";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
/** `BENCH_ONLY=lifecycle npm run bench` runs one section: generate (with images), lifecycle,
 * replicas, wechat, facade, metrics, device, cluster, capacity or pages. */
const ONLY = process.env.BENCH_ONLY;
const SUBSCRIPTIONS = Number(process.env.BENCH_SUBSCRIPTIONS ?? 10_000);
/** Idle pages on one replica: the open-file limit here is 20,000 a process. */
const PAGES = Number(process.env.BENCH_PAGES ?? 19_000);
const SERVICE = "http://127.0.0.1:4200";
const BASELINE = "http://127.0.0.1:4100";
const JSON_HEADERS = { "content-type": "application/json", "x-app-id": "demo" };
const GENERATE = JSON.stringify({
  query:
    'mutation { generateQRCode(input: { type: MOBILE_APP, customData: { school: "hust" } }) { qrcodeId url expiresAt } }',
});

/**
 * `npm run bench`: our figures and their baselines, measured in the same run on the same
 * machine, printed with the ratio and the target each must reach.
 */
async function main(): Promise<void> {
  pinSelf(LOAD_CORE);
  const service = startNode("src/main.js", {
    PORT: "4200",
    LOG_LEVEL: "warn",
    PUBLIC_URL: SERVICE,
  });
  const baseline = startNode("bench/baseline-server.js", { PORT: "4100" });
  try {
    await Promise.all([
      waitUntilUp(`${SERVICE}/healthz`),
      waitUntilUp(`${BASELINE}/obvious/warmup`),
    ]);
    await warmUp();
    const rows: Row[] = [];
    let codes = 0;
    const results: LoadResult[] = [];
    if (!ONLY || ONLY === "generate" || ONLY === "images") {
      const figures = await benchGenerateAndImages(rows);
      codes = figures.codes;
      results.push(...figures.results);
    }
    if (!ONLY || ONLY === "lifecycle") {
      await benchLifecycle(rows);
    }
    if (!ONLY || ONLY === "replicas") {
      await benchReplicas(rows, SECONDS);
    }
    if (!ONLY || ONLY === "wechat") {
      await benchWeChat(rows, SECONDS);
    }
    if (!ONLY || ONLY === "facade") {
      await benchFacade(rows, SECONDS);
    }
    if (!ONLY || ONLY === "metrics") {
      await benchMetricsCost(rows, SECONDS);
    }
    if (!ONLY || ONLY === "device") {
      await benchDeviceFlow(rows, SECONDS);
    }
    if (!ONLY || ONLY === "cluster") {
      await benchCluster(rows, SECONDS);
    }
    if (!ONLY || ONLY === "capacity") {
      const { unit, check } = await measureCapacity(4240, SECONDS);
      const cpuError = check.measuredReplicaCpuMs / check.predictedReplicaCpuMs - 1;
      rows.push({
        figure: "a whole login on Redis: replica CPU, Redis CPU, Redis commands (docs/capacity.md)",
        value: `${unit.replicaCpuMsPerLogin.toFixed(2)} ms, ${unit.redisCpuMsPerLogin.toFixed(3)} ms, ${unit.redisCommandsPerLogin.toFixed(0)}`,
        target: "(information)",
        ok: true,
      });
      rows.push({
        figure: "capacity model: replica CPU of a lighter run, measured vs predicted",
        value: `${Math.round(check.measuredReplicaCpuMs)} ms vs ${Math.round(check.predictedReplicaCpuMs)} ms (${(cpuError * 100).toFixed(0)} %)`,
        target: "within 25 %",
        ok: Math.abs(cpuError) <= 0.25,
      });
    }
    if (!ONLY || ONLY === "pages") {
      const pages = await measureIdlePages(4230, PAGES);
      rows.push({
        figure: `idle login pages on one replica (${pages.pages}, clients in other processes)`,
        value: `${pages.kbPerPage.toFixed(1)} KB RSS each (${Math.round(pages.rssWithCodesMb)} → ${Math.round(pages.rssWithPagesMb)} MB)`,
        target: "≤ 8 KB each",
        ok: pages.kbPerPage <= 8,
      });
    }

    printReport(rows, { seconds: SECONDS, codes });
    const failures = results.filter((result) => result.errors > 0);
    if (failures.length > 0) {
      process.stdout.write(`warning: ${failures.length} runs saw socket errors or timeouts\n`);
    }
  } finally {
    service.kill("SIGTERM");
    baseline.kill("SIGTERM");
  }
}

/** generateQRCode against a trivial mutation, then the image route against its baselines. */
async function benchGenerateAndImages(
  rows: Row[],
): Promise<{ codes: number; results: LoadResult[] }> {
  // Interleaved, best of two each: the machines are shared, and a burst of someone else's
  // work during one run should not decide the ratio.
  const imageUrls: string[] = [];
  const trivialRuns: LoadResult[] = [];
  const generateRuns: LoadResult[] = [];
  for (let round = 0; round < 2; round++) {
    trivialRuns.push(
      await load({
        url: `${BASELINE}/graphql`,
        method: "POST",
        headers: JSON_HEADERS,
        body: '{"query":"mutation { ping }"}',
        duration: SECONDS,
      }),
    );
    imageUrls.length = 0;
    generateRuns.push(
      await load({
        url: `${SERVICE}/graphql`,
        method: "POST",
        headers: JSON_HEADERS,
        body: GENERATE,
        duration: SECONDS,
        requests: [{ onResponse: (_status, body) => collectImagePath(body, imageUrls) }],
      }),
    );
  }
  const trivial = best(trivialRuns);
  const generate = best(generateRuns);
  rows.push(
    ratioRow(
      "generateQRCode (MOBILE_APP, memory store)",
      generate,
      "trivial type-graphql mutation",
      trivial.rps,
      0.8,
    ),
  );
  const layer = JSON.parse(runNode("bench/graphql-layer.js", [])) as {
    trivialUs: number;
    generateUs: number;
    ratio: number;
  };
  rows.push({
    figure: "  same, in-process Apollo execution, no HTTP",
    value: `${layer.generateUs.toFixed(1)} µs/request`,
    baseline: `trivial mutation: ${layer.trivialUs.toFixed(1)} µs`,
    ratio: `${layer.ratio.toFixed(2)}×`,
    target: "(information)",
    ok: true,
  });
  rows.push({
    figure: "generateQRCode p99 at 50 connections",
    value: `${generate.p99} ms`,
    target: "< 100 ms",
    ok: generate.p99 < 100,
  });

  // Interleaved halves, best of two each, as above: encoding alone, then half the codes
  // fetched for the first time, twice. Every URL is still fetched once only.
  const encodeRates: EncodeRates[] = [];
  const firstFetchRuns: LoadResult[] = [];
  const half = Math.floor(imageUrls.length / 2);
  for (const urls of [imageUrls.slice(0, half), imageUrls.slice(half, 2 * half)]) {
    encodeRates.push(JSON.parse(runNode("bench/encode-rate.js", ["4"])) as EncodeRates);
    let next = 0;
    firstFetchRuns.push(
      await load({
        url: SERVICE,
        amount: urls.length,
        duration: SECONDS * 4,
        requests: [{ setupRequest: (request) => ({ ...request, path: urls[next++] }) }],
      }),
    );
  }
  const firstFetch = best(firstFetchRuns);
  rows.push(
    ratioRow(
      "image, first fetch (render, nothing cached)",
      firstFetch,
      "qrcode.create encodes/s (EC M), one core",
      Math.max(...encodeRates.map((rates) => rates.library)),
      0.7,
    ),
  );
  const ownEncodeRate = Math.max(...encodeRates.map((rates) => rates.ours));
  rows.push({
    figure: "  same, against our own encodeMatrix",
    value: `${Math.round(firstFetch.rps)} req/s`,
    baseline: `encodeMatrix (one byte segment): ${Math.round(ownEncodeRate)}/s`,
    ratio: `${(firstFetch.rps / ownEncodeRate).toFixed(2)}×`,
    target: "(information)",
    ok: true,
  });
  const obvious = await load({
    url: BASELINE,
    duration: SECONDS,
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          path: `/obvious/${randomBytes(24).toString("base64url")}`,
        }),
      },
    ],
  });
  rows.push(
    ratioRow("image, first fetch", firstFetch, "obvious qrcode.toBuffer route", obvious.rps, 5),
  );

  const repeatPath = imageUrls[0] as string;
  const repeat = await load({ url: SERVICE + repeatPath, duration: SECONDS });
  rows.push(absoluteRow("image, repeat fetch (cached bytes)", repeat, 10_000));
  const etag = (await fetch(SERVICE + repeatPath)).headers.get("etag") ?? "";
  const notModified = await load({
    url: SERVICE + repeatPath,
    headers: { "if-none-match": etag },
    duration: SECONDS,
  });
  rows.push(
    absoluteRow("image, repeat fetch (304 by ETag)", notModified, 10_000, notModified.requests),
  );

  return {
    codes: imageUrls.length,
    results: [trivial, generate, firstFetch, obvious, repeat],
  };
}

/** Whole logins per second, then 10,000 idle subscriptions: memory and fan-out latency. */
async function benchLifecycle(rows: Row[]): Promise<void> {
  // Each figure on a fresh process: the generate and image runs leave tens of thousands of
  // codes in memory, which would weigh on the heap (and the RSS) measured here.
  const logins = await withFreshService(4220, async (url) => {
    await measureLogins(`${url}/graphql`, 2);
    // Best of two, like the other figures: a burst of someone else's work should not decide it.
    const runs = [
      await measureLogins(`${url}/graphql`, SECONDS),
      await measureLogins(`${url}/graphql`, SECONDS),
    ];
    return runs.reduce((a, b) => (b.loginsPerSecond > a.loginsPerSecond ? b : a));
  });
  rows.push({
    figure: "whole logins (5 requests each, memory store)",
    value: `${Math.round(logins.loginsPerSecond)} logins/s (p99 ${Math.round(logins.p99Ms)} ms)`,
    target: "≥ 500 logins/s",
    ok: logins.loginsPerSecond >= 500 && logins.failures === 0,
  });
  const held = await withFreshService(4221, (url, pid) =>
    measureSubscriptions(url, pid, SUBSCRIPTIONS),
  );
  rows.push({
    figure: `idle subscriptions held (${held.subscriptions})`,
    value: `RSS ${held.rssHeldMb} MB (${held.rssBeforeMb} MB before)`,
    target: "< 300 MB RSS",
    ok: held.subscriptions >= SUBSCRIPTIONS && held.rssHeldMb < 300,
  });
  rows.push({
    figure: "status change to all subscribers of a code",
    value: `p99 ${held.fanOutP99Ms.toFixed(1)} ms (${held.fanOutSamples} changes)`,
    target: "< 50 ms p99",
    ok: held.fanOutP99Ms < 50,
  });
}

/** Runs `measure` against a new service process (memory store) on `port`, then stops it. */
async function withFreshService<T>(
  port: number,
  measure: (url: string, pid: number) => Promise<T>,
): Promise<T> {
  const url = `http://127.0.0.1:${port}`;
  const service = startNode("src/main.js", {
    PORT: String(port),
    LOG_LEVEL: "warn",
    PUBLIC_URL: url,
  });
  try {
    await waitUntilUp(`${url}/healthz`);
    return await measure(url, service.pid as number);
  } finally {
    service.kill("SIGTERM");
  }
}

/** What `bench/encode-rate` prints: matrices a second from the library's plain call and from
 * the service's own encoder. */
interface EncodeRates {
  readonly library: number;
  readonly ours: number;
}

function best(runs: readonly LoadResult[]): LoadResult {
  return runs.reduce((a, b) => (b.rps > a.rps ? b : a));
}

function collectImagePath(body: string, into: string[]): void {
  const match = /"url":"http:\/\/127\.0\.0\.1:4200(\/qrcode\/[^"]+)"/.exec(body);
  if (match) {
    into.push(match[1] as string);
  }
}

async function warmUp(): Promise<void> {
  await load({
    url: `${SERVICE}/graphql`,
    method: "POST",
    headers: JSON_HEADERS,
    body: GENERATE,
    duration: 2,
  });
  await load({
    url: `${BASELINE}/graphql`,
    method: "POST",
    headers: JSON_HEADERS,
    body: '{"query":"mutation { ping }"}',
    duration: 2,
  });
}

function ratioRow(
  figure: string,
  ours: LoadResult,
  baselineName: string,
  baseline: number,
  target: number,
): Row {
  const ratio = ours.rps / baseline;
  return {
    figure,
    value: `${Math.round(ours.rps)} req/s (p99 ${ours.p99} ms)`,
    baseline: `${baselineName}: ${Math.round(baseline)}/s`,
    ratio: `${ratio.toFixed(2)}×`,
    target: `≥ ${target}×`,
    ok: ratio >= target && ours.non2xx === 0,
  };
}

/** `expectedNon2xx`: a 304 run counts every answer as non-2xx, and should. */
function absoluteRow(figure: string, ours: LoadResult, target: number, expectedNon2xx = 0): Row {
  return {
    figure,
    value: `${Math.round(ours.rps)} req/s (p99 ${ours.p99} ms)`,
    target: `≥ ${target} req/s`,
    ok: ours.rps >= target && ours.non2xx === expectedNon2xx,
  };
}

void main();
