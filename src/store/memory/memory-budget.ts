import { AppError } from "../../errors/app-error";
import { type Clock } from "../../qrcode/clock";

interface Sweepable {
  sweep(now: number): void;
}

const SWEEP_INTERVAL_MS = 30_000;

/** The byte bound when none is given (tests); the service passes `MEMORY_MAX_BYTES`. */
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

/**
 * The estimated heap (memory-footprint.ts) that everything the memory stores hold may use,
 * shared by them all: codes are free to ask for and their size is the caller's to choose, so
 * a count alone is no bound. Only new codes are refused when it is spent; a confirmed login's
 * ticket or user is always kept, and counts all the same, so generation stops that much earlier.
 */
export class MemoryBudget {
  private readonly maps: Sweepable[] = [];
  private readonly sweeper: NodeJS.Timeout;
  private held = 0;
  private lastFullSweepAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly clock: Clock,
    readonly maxBytes: number = DEFAULT_MAX_BYTES,
  ) {
    this.sweeper = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  track(map: Sweepable): void {
    this.maps.push(map);
  }

  add(bytes: number): void {
    this.held += bytes;
  }

  /** Estimated heap held now, for the bound's tests and for operators' metrics. */
  heldBytes(): number {
    return this.held;
  }

  /**
   * Makes room for `bytes` more, or refuses with STORE_FULL. Sweeps what has expired at most
   * once a second: under a flood every new code finds the store full, and a sweep walks them all.
   */
  reserve(bytes: number, countFull: () => boolean, describe: string): void {
    if (!countFull() && this.held + bytes <= this.maxBytes) {
      return;
    }
    const now = this.clock.now();
    if (now - this.lastFullSweepAt >= 1000) {
      this.lastFullSweepAt = now;
      this.sweep();
    }
    if (countFull() || this.held + bytes > this.maxBytes) {
      throw new AppError(
        "STORE_FULL",
        `this server holds as much as it may (${describe} or ${Math.round(this.maxBytes / 1048576)} MiB); retry once some codes expire`,
      );
    }
  }

  sweep(): void {
    const now = this.clock.now();
    this.maps.forEach((map) => map.sweep(now));
  }

  close(): void {
    clearInterval(this.sweeper);
  }
}
