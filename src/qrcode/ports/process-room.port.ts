/**
 * The process's memory for what its clients hold open (waiting pages' sockets and
 * subscriptions), shared with the memory store's codes: one budget, `MEMORY_MAX_BYTES`.
 */
export interface ProcessRoom {
  /** Takes `bytes` when they fit; false, taking nothing, when the budget is spent. */
  tryTake(bytes: number): boolean;
  give(bytes: number): void;
}
