import { generateKeyPairSync } from "node:crypto";

import { createLocalJWKSet, jwtVerify } from "jose";

import { JwtTokenIssuer } from "../../../src/auth/jwt-token-issuer";
import { loadSigningKeys } from "../../../src/auth/signing-key";
import { DEMO_APPLICATION } from "../../../src/config/demo-application";
import { ManualClock } from "../../support/manual-clock";

const pem = () =>
  generateKeyPairSync("ec", { namedCurve: "P-256" })
    .privateKey.export({ format: "pem", type: "pkcs8" })
    .toString();
const HOUR = 3_600_000;
const RETIRE_AFTER_MS = 2 * HOUR;

describe("a signing-key rotation, driven on the injected clock", () => {
  it("publishes the next key before it signs, switches at its activeFrom, and retires the old key once its tokens have expired", async () => {
    const clock = new ManualClock(Date.parse("2026-12-01T00:00:00Z"));
    const switchAt = clock.now() + 24 * HOUR;
    const ring = loadSigningKeys(
      [
        { kid: "old", privateKeyPem: pem(), activeFrom: 0 },
        { kid: "new", privateKeyPem: pem(), activeFrom: switchAt },
      ],
      RETIRE_AFTER_MS,
    );
    const issuer = new JwtTokenIssuer(ring, "https://qr.test", clock);
    const user = { id: "u1", customData: {} };
    const published = () => ring.publishedAt(clock.now()).map((jwk) => jwk.kid);
    const kidOf = async () => {
      const { accessToken } = await issuer.issue(DEMO_APPLICATION, user, {});
      const { protectedHeader } = await jwtVerify(
        accessToken,
        createLocalJWKSet({ keys: [...ring.publishedAt(clock.now())] }),
        { currentDate: new Date(clock.now()) },
      );
      return protectedHeader.kid;
    };

    expect(published()).toEqual(["old", "new"]);
    expect(await kidOf()).toBe("old");
    clock.advance(switchAt - clock.now() - 1);
    expect(await kidOf()).toBe("old");
    clock.advance(1);
    expect(await kidOf()).toBe("new");
    expect(published()).toEqual(["old", "new"]);
    clock.advance(RETIRE_AFTER_MS - 1);
    expect(published()).toEqual(["old", "new"]);
    clock.advance(1);
    expect(published()).toEqual(["new"]);
    expect(await kidOf()).toBe("new");
  });

  it("warns of a key that activates sooner than the publish-ahead time, and not of others", () => {
    const now = Date.parse("2026-12-01T00:00:00Z");
    const ring = loadSigningKeys(
      [
        { kid: "now", privateKeyPem: pem(), activeFrom: 0 },
        { kid: "soon", privateKeyPem: pem(), activeFrom: now + 600_000 },
        { kid: "later", privateKeyPem: pem(), activeFrom: now + 2 * HOUR },
      ],
      RETIRE_AFTER_MS,
    );

    expect(ring.activatingWithin(now, HOUR).map((key) => key.kid)).toEqual(["soon"]);
    expect(ring.ephemeral).toBe(false);
  });
});
