import { type PollLimiter } from "../../../src/qrcode/ports/poll-limiter.port";
import {
  type StatusEvents,
  type StatusListener,
} from "../../../src/qrcode/ports/status-events.port";
import { PushIterator } from "../../../src/qrcode/push-iterator";
import { type QRCodeSession } from "../../../src/qrcode/qrcode.types";
import { StatusService } from "../../../src/qrcode/status.service";
import { MemoryBudget } from "../../../src/store/memory/memory-budget";
import { memoryStores } from "../../../src/store/memory/memory-stores";
import { ACME } from "../../support/applications";
import { newHandles } from "../../support/handles";
import { ManualClock } from "../../support/manual-clock";

describe("PushIterator", () => {
  it("hands pushed values to a waiting reader, then ends after finish() once read", async () => {
    const iterator = new PushIterator<number>(() => undefined);
    const first = iterator.next();
    iterator.push(1);
    iterator.push(2);
    iterator.finish();
    iterator.push(3);

    expect(await first).toEqual({ value: 1, done: false });
    expect(await iterator.next()).toEqual({ value: 2, done: false });
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  it("releases its resources at once when returned while a reader waits", async () => {
    const onEnd = jest.fn();
    const iterator = new PushIterator<number>(onEnd);
    const waiting = iterator.next();

    await iterator.return();

    expect(onEnd).toHaveBeenCalledTimes(1);
    expect(await waiting).toEqual({ value: undefined, done: true });
    await iterator.return();
    expect(onEnd).toHaveBeenCalledTimes(1);
  });
});

/** The memory store's status events, counting live listeners. */
class CountingEvents implements StatusEvents {
  listening = 0;

  constructor(private readonly inner: StatusEvents) {}

  async subscribe(qrcodeId: string, listener: StatusListener) {
    const unsubscribe = await this.inner.subscribe(qrcodeId, listener);
    this.listening += 1;
    return () => {
      this.listening -= 1;
      unsubscribe();
    };
  }
}

describe("StatusService.watch", () => {
  const clock = new ManualClock();
  const neverLimited: PollLimiter = { tryPoll: async () => 0 };
  /** Every ticket still open: these tests follow statuses, not exchanges. */
  const openTickets = { isOpen: async () => true };
  const bounds = { perCode: 10, inAll: 1000, room: new MemoryBudget(clock) };
  const caller = { app: ACME, request: {} };

  function session(overrides: Partial<QRCodeSession> = {}): QRCodeSession {
    return {
      ...newHandles(),
      appId: "acme",
      type: "MOBILE_APP",
      status: "PENDING",
      content: "x",
      autoMergeQrCode: false,
      request: {},
      createdAt: clock.now(),
      expiresAt: clock.now() + 60_000,
      ...overrides,
    };
  }

  it("stops listening to the store as soon as the subscriber goes away", async () => {
    const stores = memoryStores(clock);
    const { sessions: store } = stores;
    const events = new CountingEvents(stores.statusEvents);
    const service = new StatusService(store, events, clock, neverLimited, openTickets, bounds);
    const watched = session();
    await store.create(watched, watched.expiresAt);

    const feed = await service.watch(caller, watched.qrcodeId);
    expect((await feed.next()).value).toMatchObject({ status: "PENDING" });
    expect(events.listening).toBe(1);
    const waiting = feed.next();

    await feed.return?.();

    expect(events.listening).toBe(0);
    expect(await waiting).toEqual({ value: undefined, done: true });
    await stores.close();
  });

  it("sends a final status once and ends, releasing the listener", async () => {
    const stores = memoryStores(clock);
    const { sessions: store } = stores;
    const events = new CountingEvents(stores.statusEvents);
    const service = new StatusService(store, events, clock, neverLimited, openTickets, bounds);
    const watched = session();
    await store.create(watched, watched.expiresAt);
    const feed = await service.watch(caller, watched.qrcodeId);

    await store.compareAndSetStatus(watched.qrcodeId, ["PENDING"], { status: "CANCELLED" });

    const statuses: string[] = [];
    for await (const view of feed) {
      statuses.push(view.status);
    }
    expect(statuses).toEqual(["PENDING", "CANCELLED"]);
    expect(events.listening).toBe(0);
    await stores.close();
  });

  it("refuses a code of another application as unknown", async () => {
    const stores = memoryStores(clock);
    const { sessions: store } = stores;
    const service = new StatusService(
      store,
      stores.statusEvents,
      clock,
      neverLimited,
      openTickets,
      bounds,
    );
    const foreign = session({ appId: "demo" });
    await store.create(foreign, foreign.expiresAt);

    await expect(service.watch(caller, foreign.qrcodeId)).rejects.toMatchObject({
      errorName: "QRCODE_NOT_FOUND",
    });
    await stores.close();
  });
});
