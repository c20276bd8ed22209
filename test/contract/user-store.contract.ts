import { type UserStore } from "../../src/qrcode/ports/user-store.port";
import { type MakeStores, useStores } from "./stores-under-test";

/** The behaviour every UserStore adapter must have; time moves through the injected clock. */
export function runUserStoreContract(adapterName: string, makeStores: MakeStores): void {
  describe(`UserStore contract: ${adapterName}`, () => {
    const subject = useStores(makeStores);
    let store: UserStore;

    beforeEach(() => {
      store = subject.stores().users;
    });

    it("creates a user, then merges custom data and replaces the profile given", async () => {
      expect(await store.findUser("demo", "alice")).toBeNull();

      await store.saveUser("demo", {
        id: "alice",
        displayName: "Alice",
        customData: { school: "hust", year: 1 },
      });
      const saved = await store.saveUser("demo", {
        id: "alice",
        photo: "https://img.test/a.png",
        customData: { year: 2, club: { name: "chess" } },
      });

      const expected = {
        id: "alice",
        displayName: "Alice",
        photo: "https://img.test/a.png",
        customData: { school: "hust", year: 2, club: { name: "chess" } },
      };
      expect(saved).toEqual(expected);
      expect(await store.findUser("demo", "alice")).toEqual(expected);
      expect(await store.findUser("other-app", "alice")).toBeNull();
    });

    it("loses no key when 20 logins merge custom data into one user at once", async () => {
      await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          store.saveUser("demo", { id: "bob", customData: { [`k${index}`]: index } }),
        ),
      );

      const user = await store.findUser("demo", "bob");
      expect(Object.keys(user?.customData ?? {})).toHaveLength(20);
    });

    it("keeps a user's custom data within 64 keys: past the bound the login's keys replace the kept ones", async () => {
      for (let login = 0; login < 8; login += 1) {
        const customData = Object.fromEntries(
          Array.from({ length: 10 }, (_, index) => [`l${login}k${index}`, index]),
        );
        await store.saveUser("demo", { id: "carol", customData });
      }

      const kept = (await store.findUser("demo", "carol"))?.customData ?? {};
      expect(Object.keys(kept).length).toBeLessThanOrEqual(64);
      expect(Object.keys(kept)).toEqual(expect.arrayContaining(["l7k0", "l7k9"]));
    });

    it("keeps a user's custom data within 16 KiB", async () => {
      for (let login = 0; login < 6; login += 1) {
        await store.saveUser("demo", {
          id: "dave",
          customData: { [`k${login}`]: "x".repeat(3900) },
        });
      }

      const kept = (await store.findUser("demo", "dave"))?.customData ?? {};
      expect(JSON.stringify(kept).length).toBeLessThanOrEqual(16 * 1024);
      expect(kept.k5).toHaveLength(3900);
    });

    it("keeps a __proto__ key a key, never the record's prototype", async () => {
      const customData = JSON.parse('{"__proto__":{"polluted":true}}') as Record<string, never>;

      const saved = await store.saveUser("demo", { id: "eve", customData });

      expect(Object.getPrototypeOf(saved.customData)).toBe(Object.prototype);
      expect((saved.customData as { polluted?: boolean }).polluted).toBeUndefined();
    });
  });
}
