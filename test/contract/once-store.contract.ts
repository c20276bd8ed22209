import { type OnceStore } from "../../src/qrcode/ports/once-store.port";
import { type MakeStores, useStores } from "./stores-under-test";

/** The behaviour every OnceStore adapter must have; time moves through the injected clock. */
export function runOnceStoreContract(adapterName: string, makeStores: MakeStores): void {
  describe(`OnceStore contract: ${adapterName}`, () => {
    const subject = useStores(makeStores);
    let store: OnceStore;
    let clock: ReturnType<typeof subject.clock>;

    beforeEach(() => {
      store = subject.stores().onceValues;
      clock = subject.clock();
    });

    it("reads a one-time value without taking it, and gives it to one taker only", async () => {
      await store.putOnce("ticket-a", "grant", { validForMs: 60_000, rememberForMs: 120_000 });

      expect(await store.readOnce("ticket-a")).toEqual({ outcome: "open", value: "grant" });
      expect(await store.readOnce("ticket-a")).toEqual({ outcome: "open", value: "grant" });
      expect(await store.takeOnce("ticket-a", "answer-1", 30_000)).toEqual({ outcome: "taken" });
      expect(await store.readOnce("never-put")).toEqual({ outcome: "unknown" });
      expect(await store.takeOnce("never-put", "answer", 30_000)).toEqual({ outcome: "unknown" });
    });

    it("answers every later take and read with the winner's answer during the replay window, then as taken", async () => {
      await store.putOnce("ticket-r", "grant", { validForMs: 60_000, rememberForMs: 120_000 });
      await store.takeOnce("ticket-r", "answer-1", 30_000);

      expect(await store.takeOnce("ticket-r", "answer-2", 30_000)).toEqual({
        outcome: "answered",
        answer: "answer-1",
      });
      expect(await store.readOnce("ticket-r")).toEqual({ outcome: "answered", answer: "answer-1" });
      clock.advance(30_000);
      expect(await store.readOnce("ticket-r")).toEqual({ outcome: "already-taken" });
      expect(await store.takeOnce("ticket-r", "answer-3", 30_000)).toEqual({
        outcome: "already-taken",
      });
    });

    it("remembers a taken value at least as long as its answer, even past the value's memory", async () => {
      await store.putOnce("ticket-m", "grant", { validForMs: 1_000, rememberForMs: 1_000 });
      await store.takeOnce("ticket-m", "answer", 30_000);

      clock.advance(20_000);
      expect(await store.readOnce("ticket-m")).toEqual({ outcome: "answered", answer: "answer" });
    });

    it("gives a one-time value to exactly one of 20 concurrent takers, and its answer to the rest", async () => {
      await store.putOnce("ticket-b", "grant", { validForMs: 60_000, rememberForMs: 60_000 });

      const taken = await Promise.all(
        Array.from({ length: 20 }, (_, index) => store.takeOnce("ticket-b", `a-${index}`, 30_000)),
      );

      const winner = taken.findIndex((result) => result.outcome === "taken");
      expect(taken.filter((result) => result.outcome === "taken")).toHaveLength(1);
      expect(taken.filter((result) => result.outcome === "answered")).toEqual(
        Array.from({ length: 19 }, () => ({ outcome: "answered", answer: `a-${winner}` })),
      );
    });

    it("says a one-time value expired after its lifetime, and forgets it after the memory", async () => {
      await store.putOnce("ticket-c", "grant", { validForMs: 1_000, rememberForMs: 5_000 });

      clock.advance(1_000);
      expect(await store.readOnce("ticket-c")).toEqual({ outcome: "expired" });
      expect(await store.takeOnce("ticket-c", "answer", 30_000)).toEqual({ outcome: "expired" });
      clock.advance(4_000);
      expect(await store.readOnce("ticket-c")).toEqual({ outcome: "unknown" });
      expect(await store.takeOnce("ticket-c", "answer", 30_000)).toEqual({ outcome: "unknown" });
    });
  });
}
