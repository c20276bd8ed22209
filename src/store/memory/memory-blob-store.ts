import { type Clock } from "../../qrcode/clock";
import { type BlobStore, type StoredBlob } from "../../qrcode/ports/blob-store.port";
import { ExpiringMap } from "./expiring-map";
import { type MemoryBudget } from "./memory-budget";
import { blobBytes } from "./memory-footprint";

/** Bytes of a single process until their time; they count in the shared memory budget. */
export class MemoryBlobStore implements BlobStore {
  private readonly blobs: ExpiringMap<StoredBlob>;

  constructor(
    clock: Clock,
    private readonly budget: MemoryBudget,
  ) {
    this.blobs = new ExpiringMap(clock, budget);
  }

  async put(key: string, blob: StoredBlob, until: number, appId: string): Promise<void> {
    const bytes = blobBytes(key, blob.body, blob.contentType);
    this.budget.reserve(bytes, () => false, "images", appId);
    this.blobs.set(key, { value: blob, until, bytes, owner: appId });
  }

  async delete(key: string): Promise<void> {
    this.blobs.delete(key);
  }

  async get(key: string): Promise<StoredBlob | null> {
    return this.blobs.live(key)?.value ?? null;
  }
}
