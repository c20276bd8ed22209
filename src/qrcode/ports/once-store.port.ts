/** How long a one-time value is good for, and how long the store remembers it afterwards, so a
 * late or repeated take can be told apart from a value that never existed. */
export interface OnceLifetime {
  readonly validForMs: number;
  readonly rememberForMs: number;
}

/** A one-time value as it stands: `open` until taken or expired; once taken, the taker's
 * `answer` is kept for a short replay window, then it is only remembered as taken. */
export type OnceState =
  | { readonly outcome: "open"; readonly value: string }
  | { readonly outcome: "answered"; readonly answer: string }
  | { readonly outcome: "already-taken" }
  | { readonly outcome: "expired" }
  | { readonly outcome: "unknown" };

export type TakeOnceResult =
  { readonly outcome: "taken" } | Exclude<OnceState, { outcome: "open" }>;

/** One-time values (login tickets). Contract: `test/contract/once-store.contract.ts`. */
export interface OnceStore {
  /** Stores a value that one caller, and only one, can later take. */
  putOnce(key: string, value: string, lifetime: OnceLifetime): Promise<void>;
  /** Reads a one-time value without taking it. */
  readOnce(key: string): Promise<OnceState>;
  /**
   * Takes an open value and keeps `answer` with it for `replayForMs`, as one atomic step: of
   * concurrent callers exactly one gets `taken`; the others, and any caller within the replay
   * window, get `answered` with the winner's answer, so a taker whose reply was lost can
   * recover it, and no second answer is ever made.
   */
  takeOnce(key: string, answer: string, replayForMs: number): Promise<TakeOnceResult>;
}
