import { RedisSessionStore } from "../../src/store/redis-session-store";
import { deleteKeys, REDIS_TEST_URL, uniqueKeyPrefix } from "../support/redis";
import { runSessionStoreContract } from "./session-store.contract";

const keyPrefix = uniqueKeyPrefix("contract");

afterAll(() => deleteKeys(keyPrefix));

runSessionStoreContract("redis", async (clock) => {
  const store = await RedisSessionStore.connect({ url: REDIS_TEST_URL, keyPrefix, clock });
  return { store, dispose: () => store.close() };
});

describe("RedisSessionStore across replicas", () => {
  it("tells a subscriber on one instance about a change made through another", async () => {
    const [a, b] = await Promise.all([
      RedisSessionStore.connect({ url: REDIS_TEST_URL, keyPrefix }),
      RedisSessionStore.connect({ url: REDIS_TEST_URL, keyPrefix }),
    ]);
    const now = Date.now();
    await a.create(
      {
        qrcodeId: "cross-replica",
        scanToken: "cross-replica-scan",
        appId: "demo",
        type: "MOBILE_APP",
        status: "PENDING",
        content: "x",
        autoMergeQrCode: false,
        request: {},
        createdAt: now,
        expiresAt: now + 60_000,
      },
      now + 60_000,
    );
    const heard = new Promise<string>((resolve) => {
      void a.subscribe("cross-replica", (session) => resolve(session.status));
    });

    await b.compareAndSetStatus("cross-replica", ["PENDING"], { status: "SCANNED" });

    expect(await heard).toBe("SCANNED");
    await Promise.all([a.close(), b.close()]);
  });
});
