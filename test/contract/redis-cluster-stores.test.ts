import { type Stores } from "../../src/qrcode/ports/stores.port";
import { redisStores } from "../../src/store/redis/redis-stores";
import { ManualClock } from "../support/manual-clock";
import {
  clusterIsUp,
  deleteClusterKeys,
  REDIS_CLUSTER_TEST_NODES,
  uniqueKeyPrefix,
} from "../support/redis";
import { newSession } from "./new-session";
import { runAllStoreContracts } from "./run-all-contracts";

const keyPrefix = uniqueKeyPrefix("cluster");

function clusterStores(clock: ManualClock): Promise<Stores> {
  return redisStores(
    { cluster: { nodes: REDIS_CLUSTER_TEST_NODES, tls: false }, keyPrefix },
    clock,
  );
}

/** Skipped where no local cluster runs (`npm run redis:cluster`); CI requires it. */
const describeOnCluster = clusterIsUp() ? describe : describe.skip;

describeOnCluster("on a Redis Cluster (npm run redis:cluster)", () => {
  afterAll(() => deleteClusterKeys(keyPrefix));

  runAllStoreContracts("redis cluster", async (clock) => {
    const stores = await clusterStores(clock);
    return { stores, dispose: () => stores.close() };
  });

  it("tells a replica about a code it watches, and a replica that watches none hears nothing", async () => {
    const clock = new ManualClock();
    const a = await clusterStores(clock);
    const b = await clusterStores(clock);
    const c = await clusterStores(clock);
    const watched = newSession(clock);
    await a.sessions.create(watched, watched.expiresAt);
    const seenOnB: string[] = [];
    const heardOnC: string[] = [];
    const changed = new Promise<void>((resolve) => {
      void b.statusEvents.subscribe(watched.qrcodeId, (session) => {
        seenOnB.push(session.status);
        resolve();
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await c.statusEvents.subscribe("someone-else-entirely-00000000000000000000", (session) =>
      heardOnC.push(session.status),
    );

    await a.sessions.compareAndSetStatus(watched.qrcodeId, ["PENDING"], { status: "SCANNED" });
    await changed;

    expect(seenOnB).toEqual(["SCANNED"]);
    expect(heardOnC).toEqual([]);
    await Promise.all([a.close(), b.close(), c.close()]);
  });
});
