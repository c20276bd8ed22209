import { type SessionStore } from "../../src/qrcode/ports/session-store.port";
import { type QRCodeSession } from "../../src/qrcode/qrcode.types";
import { ManualClock } from "../support/manual-clock";

export interface StoreUnderTest {
  readonly store: SessionStore;
  dispose(): Promise<void>;
}

let counter = 0;

function session(clock: ManualClock, overrides: Partial<QRCodeSession> = {}): QRCodeSession {
  counter += 1;
  return {
    qrcodeId: `id-${counter}-${Math.random().toString(36).slice(2)}`,
    scanToken: `scan-${counter}-${Math.random().toString(36).slice(2)}`,
    appId: "demo",
    type: "MOBILE_APP",
    status: "PENDING",
    content: "http://qr.test/scan/x",
    autoMergeQrCode: false,
    customData: { school: "hust", nested: { list: [1, "two", null, true] } },
    request: { origin: "https://login.test", userAgent: "jest", ip: "127.0.0.1" },
    createdAt: clock.now(),
    expiresAt: clock.now() + 120_000,
    ...overrides,
  };
}

/**
 * The behaviour every SessionStore adapter must have. Each adapter's test file calls this with
 * a factory; time moves through the injected clock, never by sleeping.
 */
export function runSessionStoreContract(
  adapterName: string,
  makeStore: (clock: ManualClock) => Promise<StoreUnderTest>,
): void {
  describe(`SessionStore contract: ${adapterName}`, () => {
    let clock: ManualClock;
    let subject: StoreUnderTest;
    let store: SessionStore;

    beforeEach(async () => {
      clock = new ManualClock();
      subject = await makeStore(clock);
      store = subject.store;
    });

    afterEach(async () => {
      await subject.dispose();
    });

    it("finds a created session by its id and by its scan token, with every field intact", async () => {
      const created = session(clock);
      await store.create(created, created.expiresAt);

      expect(await store.findById(created.qrcodeId)).toEqual(created);
      expect(await store.findByScanToken(created.scanToken)).toEqual(created);
    });

    it("never answers one handle where the other belongs", async () => {
      const created = session(clock);
      await store.create(created, created.expiresAt);

      expect(await store.findById(created.scanToken)).toBeNull();
      expect(await store.findByScanToken(created.qrcodeId)).toBeNull();
    });

    it("forgets a session once its retention time has passed", async () => {
      const created = session(clock);
      await store.create(created, clock.now() + 1_000);

      clock.advance(999);
      expect(await store.findById(created.qrcodeId)).not.toBeNull();
      clock.advance(1);
      expect(await store.findById(created.qrcodeId)).toBeNull();
      expect(await store.findByScanToken(created.scanToken)).toBeNull();
    });

    it("changes the status only from an expected status, keeping the other fields", async () => {
      const created = session(clock);
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
      const created = session(clock);
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
      const created = session(clock);
      await store.create(created, created.expiresAt);

      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          store.compareAndSetStatus(created.qrcodeId, ["PENDING"], { status: "SCANNED" }),
        ),
      );

      expect(results.filter((result) => result.ok)).toHaveLength(1);
    });

    it("reads an open session as EXPIRED from its expiresAt on, and refuses to move it", async () => {
      const created = session(clock, { expiresAt: clock.now() + 1_000 });
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
      const created = session(clock, { expiresAt: clock.now() + 1_000 });
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
      const created = session(clock);
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

    it("creates a user, then merges custom data and replaces the profile given", async () => {
      expect(await store.findUser("demo", "alice")).toBeNull();

      await store.saveUser("demo", {
        id: "alice",
        displayName: "Alice",
        customData: { school: "hust", year: 1 },
      });
      const saved = await store.saveUser("demo", {
        id: "alice",
        photo: "https://img.test/a.png",
        customData: { year: 2, club: { name: "chess" } },
      });

      const expected = {
        id: "alice",
        displayName: "Alice",
        photo: "https://img.test/a.png",
        customData: { school: "hust", year: 2, club: { name: "chess" } },
      };
      expect(saved).toEqual(expected);
      expect(await store.findUser("demo", "alice")).toEqual(expected);
      expect(await store.findUser("other-app", "alice")).toBeNull();
    });

    it("loses no key when 20 logins merge custom data into one user at once", async () => {
      await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          store.saveUser("demo", { id: "bob", customData: { [`k${index}`]: index } }),
        ),
      );

      const user = await store.findUser("demo", "bob");
      expect(Object.keys(user?.customData ?? {})).toHaveLength(20);
    });

    it("keeps a user's custom data within 64 keys: past the bound the login's keys replace the kept ones", async () => {
      for (let login = 0; login < 8; login += 1) {
        const customData = Object.fromEntries(
          Array.from({ length: 10 }, (_, index) => [`l${login}k${index}`, index]),
        );
        await store.saveUser("demo", { id: "carol", customData });
      }

      const kept = (await store.findUser("demo", "carol"))?.customData ?? {};
      expect(Object.keys(kept).length).toBeLessThanOrEqual(64);
      expect(Object.keys(kept)).toEqual(expect.arrayContaining(["l7k0", "l7k9"]));
    });

    it("keeps a user's custom data within 16 KiB", async () => {
      for (let login = 0; login < 6; login += 1) {
        await store.saveUser("demo", {
          id: "dave",
          customData: { [`k${login}`]: "x".repeat(3900) },
        });
      }

      const kept = (await store.findUser("demo", "dave"))?.customData ?? {};
      expect(JSON.stringify(kept).length).toBeLessThanOrEqual(16 * 1024);
      expect(kept.k5).toHaveLength(3900);
    });

    it("keeps a __proto__ key a key, never the record's prototype", async () => {
      const customData = JSON.parse('{"__proto__":{"polluted":true}}') as Record<string, never>;

      const saved = await store.saveUser("demo", { id: "eve", customData });

      expect(Object.getPrototypeOf(saved.customData)).toBe(Object.prototype);
      expect((saved.customData as { polluted?: boolean }).polluted).toBeUndefined();
    });

    it("tells subscribers of a session about each status change, and only them", async () => {
      const watched = session(clock);
      const other = session(clock);
      await store.create(watched, watched.expiresAt);
      await store.create(other, other.expiresAt);
      const seen: QRCodeSession[] = [];
      const otherSeen: QRCodeSession[] = [];
      let notify: () => void = () => undefined;
      const secondChange = new Promise<void>((resolve) => (notify = resolve));
      const unsubscribe = await store.subscribe(watched.qrcodeId, (changed) => {
        seen.push(changed);
        if (seen.length === 2) {
          notify();
        }
      });
      await store.subscribe(other.qrcodeId, (changed) => otherSeen.push(changed));

      await store.compareAndSetStatus(watched.qrcodeId, ["PENDING"], { status: "SCANNED" });
      await store.compareAndSetStatus(watched.qrcodeId, ["SCANNED"], { status: "CANCELLED" });
      await secondChange;
      unsubscribe();

      expect(seen.map((changed) => changed.status)).toEqual(["SCANNED", "CANCELLED"]);
      expect(seen[1]).toEqual({ ...watched, status: "CANCELLED" });
      expect(otherSeen).toEqual([]);
    });

    it("stops telling a subscriber once it unsubscribes", async () => {
      const watched = session(clock);
      await store.create(watched, watched.expiresAt);
      const seen: string[] = [];
      const unsubscribe = await store.subscribe(watched.qrcodeId, (changed) =>
        seen.push(changed.status),
      );
      unsubscribe();

      await store.compareAndSetStatus(watched.qrcodeId, ["PENDING"], { status: "SCANNED" });
      // A later subscriber's event proves delivery has happened before we look.
      const delivered = new Promise<void>((resolve) => {
        void store.subscribe(watched.qrcodeId, () => resolve());
      });
      await new Promise((resolve) => setImmediate(resolve));
      await store.compareAndSetStatus(watched.qrcodeId, ["SCANNED"], { status: "AUTHORIZED" });
      await delivered;

      expect(seen).toEqual([]);
    });

    it("answers a ping", async () => {
      expect(await store.ping()).toBe(true);
    });
  });
}
