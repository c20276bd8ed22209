import { memoryStores } from "../../src/store/memory/memory-stores";
import { runAllStoreContracts } from "./run-all-contracts";

runAllStoreContracts("memory", async (clock) => {
  const stores = memoryStores(clock);
  return { stores, dispose: () => stores.close() };
});
