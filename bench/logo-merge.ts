import { createServer } from "node:http";

import sharp from "sharp";

import { miniProgramCodeJpeg, redLogoPng } from "../scripts/fake-wechat/fake-wechat-images";
import { SharpLogoMerger } from "../src/imaging/sharp-logo-merger";

const ROUNDS = Number(process.argv[2] ?? 300);

/**
 * Logo merges of a 430 px mini program code, one after another, in a process pinned to one
 * core (taskset: sharp's threads share it). Prints JSON: merges per second, p50 of one merge.
 */
async function main(): Promise<void> {
  const logo = await redLogoPng();
  const server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "image/png" }).end(logo);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const logoUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/logo.png`;
  const code = {
    body: await miniProgramCodeJpeg("bench-scene-0123456789", 430),
    contentType: "image/jpeg",
  };
  const merger = new SharpLogoMerger();
  // The baseline: the least any merge must do, decode the code and encode it again.
  const roundTrips: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const begin = performance.now();
    await sharp(code.body).jpeg({ quality: 90, optimiseCoding: false }).toBuffer();
    roundTrips.push(performance.now() - begin);
  }
  roundTrips.sort((a, b) => a - b);
  await merger.merge(code, logoUrl); // the logo is fetched and cut once, then cached
  const times: number[] = [];
  const started = performance.now();
  for (let round = 0; round < ROUNDS; round += 1) {
    const begin = performance.now();
    await merger.merge(code, logoUrl);
    times.push(performance.now() - begin);
  }
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  server.close();
  process.stdout.write(
    JSON.stringify({
      perSecond: ROUNDS / seconds,
      p50Ms: times[Math.floor(times.length / 2)],
      roundTripP50Ms: roundTrips[Math.floor(roundTrips.length / 2)],
    }),
  );
}

void main();
