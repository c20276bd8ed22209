import { setTimeout as wait } from "node:timers/promises";

import { type SharedCache } from "../../src/qrcode/ports/shared-cache.port";
import { type MakeStores, useStores } from "./stores-under-test";

/** The behaviour every SharedCache adapter must have. */
export function runSharedCacheContract(adapterName: string, makeStores: MakeStores): void {
  describe(`SharedCache contract: ${adapterName}`, () => {
    const subject = useStores(makeStores);
    let cache: SharedCache;
    let key: string;

    beforeEach(() => {
      cache = subject.stores().sharedCache;
      key = `k-${Math.random().toString(36).slice(2)}`;
    });

    it("keeps a value, and drops it only while it is still the expected one", async () => {
      expect(await cache.get(key)).toBeNull();
      await cache.set(key, "token-1", 60_000);
      expect(await cache.get(key)).toBe("token-1");

      expect(await cache.deleteIf(key, "token-0")).toBe(false);
      expect(await cache.get(key)).toBe("token-1");
      expect(await cache.deleteIf(key, "token-1")).toBe(true);
      expect(await cache.get(key)).toBeNull();
    });

    it("stores a value once: of 20 concurrent putIfAbsent calls one stores, the rest read its value", async () => {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, index) => cache.putIfAbsent(key, `v${index}`, 60_000)),
      );
      const stored = answers.filter((answer) => answer === null);
      expect(stored).toHaveLength(1);
      const kept = await cache.get(key);
      expect(answers.filter((answer) => answer !== null).every((answer) => answer === kept)).toBe(
        true,
      );
      expect(await cache.putIfAbsent(key, "later", 60_000)).toBe(kept);
    });

    it("gives a lock to exactly one of 20 concurrent callers, released only by its holder", async () => {
      const tokens = await Promise.all(
        Array.from({ length: 20 }, () => cache.tryLock(key, 60_000)),
      );
      const holders = tokens.filter((token): token is string => token !== null);
      expect(holders).toHaveLength(1);

      await cache.unlock(key, "not-the-holder");
      expect(await cache.tryLock(key, 60_000)).toBeNull();
      await cache.unlock(key, holders[0] as string);
      expect(await cache.tryLock(key, 60_000)).not.toBeNull();
    });

    it("lets a lock lapse after its time, so a holder that died blocks nobody for long", async () => {
      expect(await cache.tryLock(key, 30)).not.toBeNull();

      // Redis times locks by its own clock (replicas' clocks may disagree), so real time passes.
      subject.clock().advance(30);
      await wait(40);

      expect(await cache.tryLock(key, 60_000)).not.toBeNull();
    });

    it("keeps locks and values apart under the same key", async () => {
      await cache.set(key, "value", 60_000);
      expect(await cache.tryLock(key, 60_000)).not.toBeNull();
      expect(await cache.get(key)).toBe("value");
    });
  });
}
