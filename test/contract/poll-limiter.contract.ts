import { type PollLimiter } from "../../src/qrcode/ports/poll-limiter.port";
import { type MakeStores, useStores } from "./stores-under-test";

/** The behaviour every PollLimiter adapter must have. (Redis times the slot with its own TTL,
 * a clock a test cannot move, so the suite never needs time to pass.) */
export function runPollLimiterContract(adapterName: string, makeStores: MakeStores): void {
  describe(`PollLimiter contract: ${adapterName}`, () => {
    const subject = useStores(makeStores);
    let limiter: PollLimiter;

    beforeEach(() => {
      limiter = subject.stores().pollLimiter;
    });

    it("lets one poll of a code through per interval and says how long until the next", async () => {
      const code = `code-${Math.random().toString(36).slice(2)}`;

      expect(await limiter.tryPoll(code, 60_000)).toBe(0);
      const wait = await limiter.tryPoll(code, 60_000);

      expect(wait).toBeGreaterThan(59_000);
      expect(wait).toBeLessThanOrEqual(60_000);
    });

    it("paces each code on its own", async () => {
      const [a, b] = [`a-${Math.random()}`, `b-${Math.random()}`];

      expect(await limiter.tryPoll(a, 60_000)).toBe(0);
      expect(await limiter.tryPoll(b, 60_000)).toBe(0);
    });
  });
}
