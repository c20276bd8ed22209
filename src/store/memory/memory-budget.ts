import { AppError } from "../../errors/app-error";
import { type Clock } from "../../qrcode/clock";

interface Sweepable {
  sweep(now: number): void;
}

const SWEEP_INTERVAL_MS = 30_000;

/** The byte bound when none is given (tests); the service passes `MEMORY_MAX_BYTES`. */
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

export interface BudgetShares {
  /** How many applications share the budget: each may fill at most its equal part of it. */
  readonly applications: number;
}

/**
 * The estimated heap (memory-footprint.ts) that everything this process holds for its clients
 * may use, shared by the memory stores and the waiting pages' sockets: codes are free to ask
 * for and their size is the caller's to choose, so a count alone is no bound. Each application
 * may fill only its share, so one application's flood cannot refuse another's codes. Only new
 * codes (and sockets) are refused when it is spent; a confirmed login's ticket or user is
 * always kept, and counts all the same, so generation stops that much earlier.
 */
export class MemoryBudget {
  private readonly maps: Sweepable[] = [];
  private readonly sweeper: NodeJS.Timeout;
  private readonly heldByOwner = new Map<string, number>();
  private held = 0;
  private lastFullSweepAt = Number.NEGATIVE_INFINITY;
  /** What one application may hold. */
  readonly shareBytes: number;

  constructor(
    private readonly clock: Clock,
    readonly maxBytes: number = DEFAULT_MAX_BYTES,
    shares: BudgetShares = { applications: 1 },
  ) {
    this.shareBytes = Math.floor(maxBytes / Math.max(1, shares.applications));
    this.sweeper = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  track(map: Sweepable): void {
    this.maps.push(map);
  }

  /** Counts `bytes` more (or fewer, when negative), and against `owner`'s share when given. */
  add(bytes: number, owner?: string): void {
    this.held += bytes;
    if (owner !== undefined) {
      const left = (this.heldByOwner.get(owner) ?? 0) + bytes;
      if (left > 0) {
        this.heldByOwner.set(owner, left);
      } else {
        this.heldByOwner.delete(owner);
      }
    }
  }

  /** Estimated heap held now, for the bound's tests and for operators' metrics. */
  heldBytes(owner?: string): number {
    return owner === undefined ? this.held : (this.heldByOwner.get(owner) ?? 0);
  }

  /**
   * Makes room for `bytes` more, or refuses with STORE_FULL. Sweeps what has expired at most
   * once a second: under a flood every new code finds the store full, and a sweep walks them all.
   */
  reserve(bytes: number, countFull: () => boolean, describe: string, owner?: string): void {
    if (!this.hasRoom(bytes, countFull, owner)) {
      throw new AppError(
        "STORE_FULL",
        `this server holds as much as it may (${describe}, or ${mib(this.maxBytes)} MiB in all and ${mib(this.shareBytes)} MiB for one application); retry once some codes expire`,
      );
    }
  }

  /** Takes `bytes` when they fit (after a sweep if need be), for what is not a code: a waiting
   * page's socket or subscription. Answers false, taking nothing, when the budget is spent. */
  tryTake(bytes: number): boolean {
    if (!this.hasRoom(bytes, () => false, undefined)) {
      return false;
    }
    this.add(bytes);
    return true;
  }

  give(bytes: number): void {
    this.add(-bytes);
  }

  sweep(): void {
    const now = this.clock.now();
    this.maps.forEach((map) => map.sweep(now));
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  private hasRoom(bytes: number, countFull: () => boolean, owner: string | undefined): boolean {
    if (!countFull() && this.fits(bytes, owner)) {
      return true;
    }
    const now = this.clock.now();
    if (now - this.lastFullSweepAt >= 1000) {
      this.lastFullSweepAt = now;
      this.sweep();
    }
    return !countFull() && this.fits(bytes, owner);
  }

  private fits(bytes: number, owner: string | undefined): boolean {
    return (
      this.held + bytes <= this.maxBytes &&
      (owner === undefined || this.heldBytes(owner) + bytes <= this.shareBytes)
    );
  }
}

function mib(bytes: number): number {
  return Math.round(bytes / 1048576);
}
