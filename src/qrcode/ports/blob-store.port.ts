/** Bytes made elsewhere (a WeChat mini program code), kept with their content type. */
export interface StoredBlob {
  readonly body: Buffer;
  readonly contentType: string;
}

/**
 * Bytes that live as long as something else does (a code's image, until the code expires),
 * shared by every replica when the store is. Contract: `test/contract/blob-store.contract.ts`.
 */
export interface BlobStore {
  /**
   * Keeps `blob` under `key` until `until` (epoch ms, by the store's clock), counted against
   * application `appId`; a store with a bound of its own refuses with STORE_FULL past it.
   */
  put(key: string, blob: StoredBlob, until: number, appId: string): Promise<void>;
  get(key: string): Promise<StoredBlob | null>;
  /** Drops the bytes under `key` (a code whose creation failed after its image was kept). */
  delete(key: string): Promise<void>;
}
