import { redisStores } from "../../src/store/redis/redis-stores";
import { ManualClock } from "../support/manual-clock";
import { deleteKeys, REDIS_TEST_URL, uniqueKeyPrefix } from "../support/redis";
import { newSession } from "./new-session";
import { runAllStoreContracts } from "./run-all-contracts";

const keyPrefix = uniqueKeyPrefix("contract");

afterAll(() => deleteKeys(keyPrefix));

runAllStoreContracts("redis", async (clock) => {
  const stores = await redisStores({ url: REDIS_TEST_URL, keyPrefix }, clock);
  return { stores, dispose: () => stores.close() };
});

describe("Redis stores across replicas", () => {
  it("tell a subscriber on one instance about a change made through another", async () => {
    const clock = new ManualClock();
    const [a, b] = await Promise.all([
      redisStores({ url: REDIS_TEST_URL, keyPrefix }, clock),
      redisStores({ url: REDIS_TEST_URL, keyPrefix }, clock),
    ]);
    const created = newSession(clock);
    await a.sessions.create(created, created.expiresAt);
    const heard = new Promise<string>((resolve) => {
      void a.statusEvents.subscribe(created.qrcodeId, (session) => resolve(session.status));
    });

    await b.sessions.compareAndSetStatus(created.qrcodeId, ["PENDING"], { status: "SCANNED" });

    expect(await heard).toBe("SCANNED");
    await Promise.all([a.close(), b.close()]);
  });

  it("share blobs: bytes put through one instance come back through another", async () => {
    const clock = new ManualClock();
    const [a, b] = await Promise.all([
      redisStores({ url: REDIS_TEST_URL, keyPrefix }, clock),
      redisStores({ url: REDIS_TEST_URL, keyPrefix }, clock),
    ]);
    const body = Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x80]);

    await a.blobs.put("shared", { body, contentType: "image/jpeg" }, clock.now() + 60_000, "app");

    expect((await b.blobs.get("shared"))?.body.equals(body)).toBe(true);
    await Promise.all([a.close(), b.close()]);
  });
});
