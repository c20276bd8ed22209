import { type Stores } from "../../src/qrcode/ports/stores.port";
import { ManualClock } from "../support/manual-clock";

export interface StoresUnderTest {
  readonly stores: Stores;
  dispose(): Promise<void>;
}

/** Builds one backend's stores on the given clock; every contract suite takes one. */
export type MakeStores = (clock: ManualClock) => Promise<StoresUnderTest>;

/** Fresh stores and a fresh clock for each test of a contract suite. */
export function useStores(makeStores: MakeStores): { stores(): Stores; clock(): ManualClock } {
  let clock: ManualClock;
  let subject: StoresUnderTest;
  beforeEach(async () => {
    clock = new ManualClock();
    subject = await makeStores(clock);
  });
  afterEach(() => subject.dispose());
  return { stores: () => subject.stores, clock: () => clock };
}
