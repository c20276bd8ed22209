import { type Clock, systemClock } from "../../qrcode/clock";
import { type PollLimiter } from "../../qrcode/ports/poll-limiter.port";

/** Below this many codes the map is not worth sweeping. */
const SWEEP_FLOOR = 10_000;

/**
 * One poll per interval per code, in this process's memory, on the injected clock (so tests
 * move time instead of sleeping). Entries past their slot are swept whenever the map has doubled.
 */
export class MemoryPollLimiter implements PollLimiter {
  private readonly nextPollAt = new Map<string, number>();
  private sweepAt = SWEEP_FLOOR;

  constructor(private readonly clock: Clock = systemClock) {}

  async tryPoll(qrcodeId: string, intervalMs: number): Promise<number> {
    const now = this.clock.now();
    const next = this.nextPollAt.get(qrcodeId) ?? 0;
    if (now < next) {
      return next - now;
    }
    this.nextPollAt.set(qrcodeId, now + intervalMs);
    if (this.nextPollAt.size >= this.sweepAt) {
      this.sweep(now);
    }
    return 0;
  }

  private sweep(now: number): void {
    for (const [qrcodeId, next] of this.nextPollAt) {
      if (next <= now) {
        this.nextPollAt.delete(qrcodeId);
      }
    }
    this.sweepAt = Math.max(SWEEP_FLOOR, 2 * this.nextPollAt.size);
  }
}
