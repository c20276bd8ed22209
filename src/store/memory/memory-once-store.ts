import { type Clock } from "../../qrcode/clock";
import {
  type OnceLifetime,
  type OnceState,
  type OnceStore,
  type TakeOnceResult,
} from "../../qrcode/ports/once-store.port";
import { type OnceRecord, onceState, takenRecord } from "../once-record";
import { ExpiringMap } from "./expiring-map";
import { type MemoryBudget } from "./memory-budget";
import { onceValueBytes } from "./memory-footprint";

/** One-time values of a single process; a take is atomic because nothing awaits inside it. */
export class MemoryOnceStore implements OnceStore {
  private readonly records: ExpiringMap<OnceRecord>;

  constructor(
    private readonly clock: Clock,
    budget: MemoryBudget,
  ) {
    this.records = new ExpiringMap(clock, budget);
  }

  async putOnce(key: string, value: string, lifetime: OnceLifetime): Promise<void> {
    const now = this.clock.now();
    const rememberUntil = now + Math.max(lifetime.validForMs, lifetime.rememberForMs);
    // Never refused: a one-time value is a confirmed login's grant.
    this.records.set(key, {
      value: { value, validUntil: now + lifetime.validForMs, rememberUntil },
      until: rememberUntil,
      bytes: onceValueBytes(key, value),
    });
  }

  async readOnce(key: string): Promise<OnceState> {
    return onceState(this.records.live(key)?.value ?? null, this.clock.now());
  }

  async takeOnce(key: string, answer: string, replayForMs: number): Promise<TakeOnceResult> {
    const entry = this.records.live(key);
    if (!entry) {
      return { outcome: "unknown" };
    }
    const now = this.clock.now();
    const state = onceState(entry.value, now);
    if (state.outcome !== "open") {
      return state;
    }
    const taken = takenRecord(entry.value, answer, now, replayForMs);
    this.records.update(entry, taken, onceValueBytes(key, answer), taken.rememberUntil);
    return { outcome: "taken" };
  }
}
