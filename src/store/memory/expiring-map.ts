import { type Clock } from "../../qrcode/clock";
import { type MemoryBudget } from "./memory-budget";

export interface Expiring<T> {
  value: T;
  until: number;
  /** Estimated heap, counted against the budget (0 in a second index of the same entries). */
  bytes: number;
  /** The application the entry counts against (its share of the budget), when it has one. */
  readonly owner?: string;
}

/**
 * A map whose entries vanish at their `until` by the injected clock, counting each entry's
 * estimated bytes in a shared budget. Reads drop what has expired; the budget's sweep bounds
 * what nobody reads again.
 */
export class ExpiringMap<T> {
  private readonly entries = new Map<string, Expiring<T>>();

  /** `budget` null: an index over entries another map already counts. */
  constructor(
    private readonly clock: Clock,
    private readonly budget: MemoryBudget | null,
  ) {
    budget?.track(this);
  }

  get size(): number {
    return this.entries.size;
  }

  live(key: string): Expiring<T> | null {
    const entry = this.entries.get(key);
    if (!entry) {
      return null;
    }
    if (entry.until <= this.clock.now()) {
      this.delete(key);
      return null;
    }
    return entry;
  }

  set(key: string, entry: Expiring<T>): void {
    this.delete(key);
    this.entries.set(key, entry);
    this.budget?.add(entry.bytes, entry.owner);
  }

  /** Replaces an entry's value in place (every index sees it) and recounts its bytes. */
  update(entry: Expiring<T>, value: T, bytes: number, until = entry.until): void {
    entry.value = value;
    entry.until = until;
    this.budget?.add(bytes - entry.bytes, entry.owner);
    entry.bytes = bytes;
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.budget?.add(-entry.bytes, entry.owner);
    }
  }

  sweep(now: number): void {
    for (const [key, entry] of this.entries) {
      if (entry.until <= now) {
        this.delete(key);
      }
    }
  }

  clear(): void {
    for (const key of [...this.entries.keys()]) {
      this.delete(key);
    }
  }
}
