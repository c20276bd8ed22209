import { type SessionStore } from "../../src/qrcode/ports/session-store.port";
import { type StatusEvents } from "../../src/qrcode/ports/status-events.port";
import { type QRCodeSession } from "../../src/qrcode/qrcode.types";
import { newSession } from "./new-session";
import { type MakeStores, useStores } from "./stores-under-test";

/** The behaviour every StatusEvents adapter must have, fed by its own backend's session store. */
export function runStatusEventsContract(adapterName: string, makeStores: MakeStores): void {
  describe(`StatusEvents contract: ${adapterName}`, () => {
    const subject = useStores(makeStores);
    let sessions: SessionStore;
    let events: StatusEvents;
    let clock: ReturnType<typeof subject.clock>;

    beforeEach(() => {
      sessions = subject.stores().sessions;
      events = subject.stores().statusEvents;
      clock = subject.clock();
    });

    it("tells subscribers of a session about each status change, and only them", async () => {
      const watched = newSession(clock);
      const other = newSession(clock);
      await sessions.create(watched, watched.expiresAt);
      await sessions.create(other, other.expiresAt);
      const seen: QRCodeSession[] = [];
      const otherSeen: QRCodeSession[] = [];
      let notify: () => void = () => undefined;
      const secondChange = new Promise<void>((resolve) => (notify = resolve));
      const unsubscribe = await events.subscribe(watched.qrcodeId, (changed) => {
        seen.push(changed);
        if (seen.length === 2) {
          notify();
        }
      });
      await events.subscribe(other.qrcodeId, (changed) => otherSeen.push(changed));

      await sessions.compareAndSetStatus(watched.qrcodeId, ["PENDING"], { status: "SCANNED" });
      await sessions.compareAndSetStatus(watched.qrcodeId, ["SCANNED"], { status: "CANCELLED" });
      await secondChange;
      unsubscribe();

      expect(seen.map((changed) => changed.status)).toEqual(["SCANNED", "CANCELLED"]);
      expect(seen[1]).toEqual({ ...watched, status: "CANCELLED" });
      expect(otherSeen).toEqual([]);
    });

    it("stops telling a subscriber once it unsubscribes", async () => {
      const watched = newSession(clock);
      await sessions.create(watched, watched.expiresAt);
      const seen: string[] = [];
      const unsubscribe = await events.subscribe(watched.qrcodeId, (changed) =>
        seen.push(changed.status),
      );
      unsubscribe();

      await sessions.compareAndSetStatus(watched.qrcodeId, ["PENDING"], { status: "SCANNED" });
      // A later subscriber's event proves delivery has happened before we look.
      const delivered = new Promise<void>((resolve) => {
        void events.subscribe(watched.qrcodeId, () => resolve());
      });
      await new Promise((resolve) => setImmediate(resolve));
      await sessions.compareAndSetStatus(watched.qrcodeId, ["SCANNED"], { status: "AUTHORIZED" });
      await delivered;

      expect(seen).toEqual([]);
    });

    it("answers a ping", async () => {
      expect(await subject.stores().ping()).toBe(true);
    });
  });
}
