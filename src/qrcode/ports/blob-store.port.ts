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
  /** Keeps `blob` under `key` until `until` (epoch ms, by the store's clock). */
  put(key: string, blob: StoredBlob, until: number): Promise<void>;
  get(key: string): Promise<StoredBlob | null>;
}
