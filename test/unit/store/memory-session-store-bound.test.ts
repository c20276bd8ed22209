import { isAppError } from "../../../src/errors/app-error";
import { type QRCodeSession } from "../../../src/qrcode/qrcode.types";
import { type MemoryStores, memoryStores } from "../../../src/store/memory/memory-stores";
import { ManualClock } from "../../support/manual-clock";

const LIFETIME_MS = 120_000;
const RETAINED_MS = 300_000;

function session(clock: ManualClock, n: number): QRCodeSession {
  return {
    qrcodeId: `id-${n}`,
    scanToken: `scan-${n}`,
    appId: "demo",
    type: "MOBILE_APP",
    status: "PENDING",
    content: `http://qr.test/scan/scan-${n}`,
    autoMergeQrCode: false,
    request: { origin: undefined, userAgent: "jest", ip: "127.0.0.1" },
    createdAt: clock.now(),
    expiresAt: clock.now() + LIFETIME_MS,
  };
}

async function refusal(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return isAppError(error) ? error.errorName : String(error);
  }
}

describe("the memory store's bound on codes held", () => {
  let clock: ManualClock;
  let stores: MemoryStores;
  let store: MemoryStores["sessions"];

  beforeEach(() => {
    clock = new ManualClock();
    stores = memoryStores(clock, { maxCodes: 3 });
    store = stores.sessions;
  });

  afterEach(() => stores.close());

  async function create(n: number): Promise<void> {
    const created = session(clock, n);
    await store.create(created, created.expiresAt + RETAINED_MS);
  }

  it("refuses a code past the bound with STORE_FULL, and keeps the codes it holds", async () => {
    await Promise.all([create(1), create(2), create(3)]);

    expect(await refusal(create(4))).toBe("STORE_FULL");
    expect(await store.findById("id-1")).toMatchObject({ status: "PENDING" });
    expect(await store.findByScanToken("scan-3")).toMatchObject({ qrcodeId: "id-3" });
    expect(await store.findById("id-4")).toBeNull();
  });

  it("makes room once held codes are past their retention", async () => {
    await Promise.all([create(1), create(2), create(3)]);
    clock.advance(LIFETIME_MS + RETAINED_MS);

    await create(4);

    expect(await store.findById("id-4")).toMatchObject({ status: "PENDING" });
    expect(await store.findById("id-1")).toBeNull();
  });

  it("walks the store at most once a second while it stays full", async () => {
    await Promise.all([create(1), create(2)]);
    clock.advance(LIFETIME_MS + RETAINED_MS - 500);
    await create(3);
    expect(await refusal(create(4))).toBe("STORE_FULL"); // walked: nothing past retention yet

    clock.advance(600); // codes 1 and 2 are now past retention, but the walk was 600 ms ago
    expect(await refusal(create(5))).toBe("STORE_FULL");

    clock.advance(400);
    expect(await refusal(create(6))).toBeUndefined();
  });
});
