/** Caps how many codes one client address may generate for one application per window. */
export interface GenerateLimiter {
  /** Counts one generation; answers 0 when it may go ahead, else ms until the next may. */
  consume(key: string, points: number, windowSeconds: number): Promise<number>;
}
