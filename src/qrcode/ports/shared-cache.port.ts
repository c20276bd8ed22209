/**
 * Short-lived values every replica shares, with a lock so that one caller at a time refreshes
 * one (WeChat access tokens: N replicas make one token call per token lifetime, not N).
 * Contract: `test/contract/shared-cache.contract.ts`.
 */
export interface SharedCache {
  get(key: string): Promise<string | null>;
  /** Keeps `value` for `ttlMs` (by the backend's clock). */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /**
   * Keeps `value` for `ttlMs` unless the key already holds one, as one atomic step: answers
   * null when this call stored it, else the value already there (which is left as it was).
   */
  putIfAbsent(key: string, value: string, ttlMs: number): Promise<string | null>;
  /** Drops the value only while it is still `expected` (a newer one is left alone). */
  deleteIf(key: string, expected: string): Promise<boolean>;
  /** Takes the lock `key` for at most `ttlMs`; answers a release token, or null when held. */
  tryLock(key: string, ttlMs: number): Promise<string | null>;
  /** Releases the lock if `token` still holds it. */
  unlock(key: string, token: string): Promise<void>;
}
