import { type SessionStore } from "../../src/qrcode/ports/session-store.port";
import { newSession } from "./new-session";
import { type MakeStores, useStores } from "./stores-under-test";

/** The behaviour every SessionStore adapter must have; time moves through the injected clock. */
export function runSessionStoreContract(adapterName: string, makeStores: MakeStores): void {
  describe(`SessionStore contract: ${adapterName}`, () => {
    const subject = useStores(makeStores);
    let store: SessionStore;
    let clock: ReturnType<typeof subject.clock>;

    beforeEach(() => {
      store = subject.stores().sessions;
      clock = subject.clock();
    });

    it("finds a created session by its id and by its scan token, with every field intact", async () => {
      const created = newSession(clock);
      await store.create(created, created.expiresAt);

      expect(await store.findById(created.qrcodeId)).toEqual(created);
      expect(await store.findByScanToken(created.scanToken)).toEqual(created);
    });

    it("never answers one handle where the other belongs", async () => {
      const created = newSession(clock);
      await store.create(created, created.expiresAt);

      expect(await store.findById(created.scanToken)).toBeNull();
      expect(await store.findByScanToken(created.qrcodeId)).toBeNull();
    });

    it("forgets a session once its retention time has passed", async () => {
      const created = newSession(clock);
      await store.create(created, clock.now() + 1_000);

      clock.advance(999);
      expect(await store.findById(created.qrcodeId)).not.toBeNull();
      clock.advance(1);
      expect(await store.findById(created.qrcodeId)).toBeNull();
      expect(await store.findByScanToken(created.scanToken)).toBeNull();
    });

    it("changes the status only from an expected status, keeping the other fields", async () => {
      const created = newSession(clock);
      await store.create(created, created.expiresAt);

      const refused = await store.compareAndSetStatus(created.qrcodeId, ["SCANNED"], {
        status: "AUTHORIZED",
      });
      expect(refused).toEqual({ ok: false, current: created });

      const applied = await store.compareAndSetStatus(created.qrcodeId, ["PENDING"], {
        status: "SCANNED",
      });
      expect(applied).toEqual({ ok: true, session: { ...created, status: "SCANNED" } });
      expect(await store.findById(created.qrcodeId)).toEqual({ ...created, status: "SCANNED" });
    });

    it("refuses a status change for an unknown or forgotten session", async () => {
      const created = newSession(clock);
      await store.create(created, clock.now() + 10);
      clock.advance(10);

      expect(
        await store.compareAndSetStatus(created.qrcodeId, ["PENDING"], { status: "SCANNED" }),
      ).toEqual({
        ok: false,
        current: null,
      });
      expect(
        await store.compareAndSetStatus("no-such-id", ["PENDING"], { status: "SCANNED" }),
      ).toEqual({
        ok: false,
        current: null,
      });
    });

    it("lets exactly one of 20 concurrent status changes win", async () => {
      const created = newSession(clock);
      await store.create(created, created.expiresAt);

      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          store.compareAndSetStatus(created.qrcodeId, ["PENDING"], { status: "SCANNED" }),
        ),
      );

      expect(results.filter((result) => result.ok)).toHaveLength(1);
    });

    it("reads an open session as EXPIRED from its expiresAt on, and refuses to move it", async () => {
      const created = newSession(clock, { expiresAt: clock.now() + 1_000 });
      await store.create(created, clock.now() + 60_000);

      clock.advance(999);
      expect((await store.findById(created.qrcodeId))?.status).toBe("PENDING");
      clock.advance(1);
      expect(await store.findById(created.qrcodeId)).toEqual({ ...created, status: "EXPIRED" });
      expect((await store.findByScanToken(created.scanToken))?.status).toBe("EXPIRED");
      expect(
        await store.compareAndSetStatus(created.qrcodeId, ["PENDING", "SCANNED"], {
          status: "CANCELLED",
        }),
      ).toEqual({ ok: false, current: { ...created, status: "EXPIRED" } });
    });

    it("keeps a finished session's status past its expiresAt", async () => {
      const created = newSession(clock, { expiresAt: clock.now() + 1_000 });
      await store.create(created, clock.now() + 60_000);
      await store.compareAndSetStatus(created.qrcodeId, ["PENDING"], {
        status: "CANCELLED",
        cancelReason: "changed my mind",
      });

      clock.advance(5_000);
      expect(await store.findById(created.qrcodeId)).toEqual({
        ...created,
        status: "CANCELLED",
        cancelReason: "changed my mind",
      });
    });

    it("stores the scanner and ticket that a status change sets", async () => {
      const created = newSession(clock);
      await store.create(created, created.expiresAt);
      const scanner = { userId: "alice", displayName: "Alice", photo: "https://img.test/a.png" };

      await store.compareAndSetStatus(created.qrcodeId, ["PENDING"], {
        status: "SCANNED",
        scanner,
      });
      await store.compareAndSetStatus(created.qrcodeId, ["SCANNED"], {
        status: "AUTHORIZED",
        ticket: "t-1",
      });

      expect(await store.findByScanToken(created.scanToken)).toEqual({
        ...created,
        status: "AUTHORIZED",
        scanner,
        ticket: "t-1",
      });
    });
  });
}
