import { randomBytes } from "node:crypto";

import QRCode from "qrcode";

import { encodeMatrix } from "../src/qrcode/render/qr-matrix";

/**
 * Prints how many QR matrices one process encodes a second, two ways, alternating in slices so
 * that a burst of someone else's work hits both alike:
 * - `library`: `qrcode.create` as the issue states the baseline (error correction M, the
 *   library choosing the segments);
 * - `ours`: the service's own `encodeMatrix` (one byte segment), the image route's ceiling.
 */
function main(): void {
  const seconds = Number(process.argv[2] ?? 3);
  const contents = Array.from(
    { length: 1000 },
    () => `http://localhost:4000/scan/${randomBytes(24).toString("base64url")}`,
  );
  const encoders = {
    library: (content: string) => QRCode.create(content, { errorCorrectionLevel: "M" }),
    ours: encodeMatrix,
  };
  const counts = { library: 0, ours: 0 };
  for (let i = 0; i < 200; i++) {
    encoders.library(contents[i % contents.length] as string);
    encoders.ours(contents[i % contents.length] as string);
  }
  const slices = 10;
  for (let slice = 0; slice < slices; slice++) {
    for (const name of ["library", "ours"] as const) {
      const deadline = performance.now() + (seconds * 1000) / slices / 2;
      const encode = encoders[name];
      while (performance.now() < deadline) {
        encode(contents[counts[name] % contents.length] as string);
        counts[name]++;
      }
    }
  }
  const perSecond = (count: number): number => count / (seconds / 2);
  process.stdout.write(
    `${JSON.stringify({ library: perSecond(counts.library), ours: perSecond(counts.ours) })}\n`,
  );
}

main();
