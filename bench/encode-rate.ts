import { randomBytes } from "node:crypto";

import { encodeMatrix } from "../src/qrcode/render/qr-matrix";

/** Prints how many QR matrices one process encodes a second: the image route's ceiling. */
function main(): void {
  const seconds = Number(process.argv[2] ?? 3);
  const contents = Array.from(
    { length: 1000 },
    () => `http://localhost:4000/scan/${randomBytes(24).toString("base64url")}`,
  );
  for (let i = 0; i < 200; i++) {
    encodeMatrix(contents[i % contents.length] as string);
  }
  const deadline = performance.now() + seconds * 1000;
  let count = 0;
  while (performance.now() < deadline) {
    encodeMatrix(contents[count % contents.length] as string);
    count++;
  }
  process.stdout.write(`${JSON.stringify({ perSecond: count / seconds })}\n`);
}

main();
