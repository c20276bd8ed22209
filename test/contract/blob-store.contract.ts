import { type BlobStore } from "../../src/qrcode/ports/blob-store.port";
import { type MakeStores, useStores } from "./stores-under-test";

/** Every byte value, so an adapter that treats the body as text fails. */
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, byte) => byte));

/** The behaviour every BlobStore adapter must have; time moves through the injected clock. */
export function runBlobStoreContract(adapterName: string, makeStores: MakeStores): void {
  describe(`BlobStore contract: ${adapterName}`, () => {
    const subject = useStores(makeStores);
    let store: BlobStore;
    let clock: ReturnType<typeof subject.clock>;

    beforeEach(() => {
      store = subject.stores().blobs;
      clock = subject.clock();
    });

    it("gives back the bytes and content type it was given, byte for byte", async () => {
      const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), ALL_BYTES]);
      await store.put(
        "code-1",
        { body: jpeg, contentType: "image/jpeg" },
        clock.now() + 60_000,
        "app-1",
      );

      const kept = await store.get("code-1");

      expect(kept?.contentType).toBe("image/jpeg");
      expect(kept?.body.equals(jpeg)).toBe(true);
      expect(await store.get("code-2")).toBeNull();
    });

    it("forgets a blob at its time, by the store's clock", async () => {
      await store.put(
        "code-3",
        { body: ALL_BYTES, contentType: "image/png" },
        clock.now() + 1_000,
        "app-1",
      );

      clock.advance(999);
      expect(await store.get("code-3")).not.toBeNull();
      clock.advance(1);
      expect(await store.get("code-3")).toBeNull();
    });

    it("drops a blob on delete, and a delete of nothing is no fault", async () => {
      await store.put(
        "code-5",
        { body: ALL_BYTES, contentType: "image/png" },
        clock.now() + 60_000,
        "app-1",
      );

      await store.delete("code-5");
      await store.delete("code-never");

      expect(await store.get("code-5")).toBeNull();
    });

    it("replaces a blob put again under the same key", async () => {
      const until = clock.now() + 60_000;
      await store.put(
        "code-4",
        { body: Buffer.from("one"), contentType: "text/plain" },
        until,
        "app-1",
      );
      await store.put(
        "code-4",
        { body: Buffer.from("two"), contentType: "image/png" },
        until,
        "app-1",
      );

      const kept = await store.get("code-4");
      expect(kept?.body.toString()).toBe("two");
      expect(kept?.contentType).toBe("image/png");
    });
  });
}
