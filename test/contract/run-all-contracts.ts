import { runBlobStoreContract } from "./blob-store.contract";
import { runOnceStoreContract } from "./once-store.contract";
import { runPollLimiterContract } from "./poll-limiter.contract";
import { runSessionStoreContract } from "./session-store.contract";
import { runSharedCacheContract } from "./shared-cache.contract";
import { runStatusEventsContract } from "./status-events.contract";
import { type MakeStores } from "./stores-under-test";
import { runUserStoreContract } from "./user-store.contract";

/** Every port's contract suite, against one backend. */
export function runAllStoreContracts(adapterName: string, makeStores: MakeStores): void {
  runSessionStoreContract(adapterName, makeStores);
  runStatusEventsContract(adapterName, makeStores);
  runOnceStoreContract(adapterName, makeStores);
  runUserStoreContract(adapterName, makeStores);
  runBlobStoreContract(adapterName, makeStores);
  runPollLimiterContract(adapterName, makeStores);
  runSharedCacheContract(adapterName, makeStores);
}
