import { deflateSync, inflateSync } from "node:zlib";

import { Adler32 } from "../../../../src/qrcode/render/adler32";
import { FixedHuffmanZlibWriter } from "../../../../src/qrcode/render/fixed-huffman-zlib";

/** A deterministic byte source, so a failure replays. */
function pseudoRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** Writes `steps` (literals and copies) and returns the stream with the bytes it must inflate to. */
function stream(steps: ReadonlyArray<number | [number, number]>): {
  compressed: Buffer;
  expected: Buffer;
} {
  const expected: number[] = [];
  const writer = new FixedHuffmanZlibWriter(64 * 1024);
  for (const step of steps) {
    if (typeof step === "number") {
      writer.literal(step);
      expected.push(step);
    } else {
      const [length, distance] = step;
      writer.copy(length, distance);
      for (let i = 0; i < length; i++) {
        expected.push(expected[expected.length - distance] as number);
      }
    }
  }
  const bytes = Buffer.from(expected);
  const adler = new Adler32();
  adler.bytes(bytes, 0, bytes.length);
  return { compressed: writer.finish(adler.value), expected: bytes };
}

describe("FixedHuffmanZlibWriter", () => {
  it("writes a zlib stream that zlib inflates to every literal byte", () => {
    const { compressed, expected } = stream(Array.from({ length: 256 }, (_, byte) => byte));

    expect(inflateSync(compressed)).toEqual(expected);
  });

  it("encodes every match length from 3 to 258, and longer ones split", () => {
    const steps: Array<number | [number, number]> = [7, 8, 9];
    for (let length = 3; length <= 258; length++) {
      steps.push(length % 251, [length, 1]);
    }
    steps.push(1, [259, 1], 2, [260, 2], 3, [1000, 3], 4, [517, 1]);

    const { compressed, expected } = stream(steps);

    expect(inflateSync(compressed)).toEqual(expected);
  });

  it("encodes distances from 1 to the whole 32 KiB window", () => {
    const random = pseudoRandom(7);
    const steps: Array<number | [number, number]> = Array.from({ length: 32_768 }, () =>
      Math.floor(random() * 256),
    );
    for (const distance of [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 100, 1024, 4097, 24_577, 32_768]) {
      steps.push([3 + (distance % 200), distance]);
    }

    const { compressed, expected } = stream(steps);

    expect(inflateSync(compressed)).toEqual(expected);
  });
});

describe("Adler32", () => {
  it("matches zlib's checksum, with runs of zeros added in one step", () => {
    const random = pseudoRandom(11);
    const data = Buffer.alloc(20_000);
    for (let i = 0; i < data.length; i += 1 + Math.floor(random() * 40)) {
      data[i] = Math.floor(random() * 256);
    }
    const adler = new Adler32();
    let i = 0;
    while (i < data.length) {
      if (data[i] === 0) {
        let end = i;
        while (end < data.length && data[end] === 0) {
          end++;
        }
        adler.zeros(end - i);
        i = end;
      } else if (i % 3 === 0) {
        adler.byte(data[i] as number);
        i++;
      } else {
        const end = Math.min(data.length, i + 1 + Math.floor(random() * 300));
        adler.bytes(data, i, end);
        i = end;
      }
    }

    const zlibs = deflateSync(data).readUInt32BE(deflateSync(data).length - 4);
    expect(adler.value).toBe(zlibs);
  });
});
