import { type Clock } from "../../src/qrcode/clock";

/** A clock the test moves; TTLs are tested by advancing it, never by sleeping. */
export class ManualClock implements Clock {
  constructor(private current = Date.UTC(2026, 0, 1)) {}

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
