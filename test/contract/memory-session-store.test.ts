import { MemorySessionStore } from "../../src/store/memory-session-store";
import { runSessionStoreContract } from "./session-store.contract";

runSessionStoreContract("memory", async (clock) => {
  const store = new MemorySessionStore(clock);
  return { store, dispose: () => store.close() };
});
