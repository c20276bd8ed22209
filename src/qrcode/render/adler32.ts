const MODULO = 65_521;

/**
 * Adler-32 (RFC 1950), the checksum that ends a zlib stream, kept as the bytes are produced.
 * `zeros` adds a run of zero bytes in constant time: most of a QR image's scanlines are zeros
 * (rows "the same as above" under PNG's Up filter).
 */
export class Adler32 {
  private a = 1;
  private b = 0;

  bytes(data: Uint8Array, start: number, end: number): void {
    // The sums stay exact far beyond any scanline's length, so one modulo a call suffices.
    let { a, b } = this;
    for (let i = start; i < end; i++) {
      a += data[i] as number;
      b += a;
    }
    this.a = a % MODULO;
    this.b = b % MODULO;
  }

  byte(value: number): void {
    this.a = (this.a + value) % MODULO;
    this.b = (this.b + this.a) % MODULO;
  }

  zeros(count: number): void {
    this.b = (this.b + count * this.a) % MODULO;
  }

  get value(): number {
    return ((this.b << 16) | this.a) >>> 0;
  }
}
