/**
 * `node dist/bench/scrape-timer.js URL DURATION_MS`: scrapes URL every second for DURATION_MS
 * and prints how long each scrape took (ms) as JSON. A process of its own, so what it times is
 * the replica's answer, not a load generator's busy event loop.
 */
async function main(): Promise<void> {
  const [url = "", durationText = "0"] = process.argv.slice(2);
  const until = Date.now() + Number(durationText) - 1000;
  const times: number[] = [];
  // Not counted: the first fetch of a process sets up its HTTP client (70 ms or so here).
  await (await fetch(url)).text();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  while (Date.now() < until) {
    const started = performance.now();
    await (await fetch(url)).text();
    times.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  process.stdout.write(`${JSON.stringify(times)}\n`);
}

void main();
