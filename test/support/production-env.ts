import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The least environment a production start accepts: NODE_ENV=production, a PUBLIC_URL and a
 * config file with a signing key. */
export function productionEnv(extra: Record<string, string> = {}): Record<string, string> {
  const path = join(mkdtempSync(join(tmpdir(), "qr-production-")), "applications.yaml");
  writeFileSync(
    path,
    "signingKey: { kid: k1, privateKey: { env: QR_SIGNING_KEY } }\napplications: [{ appId: a, name: A }]\n",
  );
  const pem = generateKeyPairSync("ec", { namedCurve: "P-256" })
    .privateKey.export({ format: "pem", type: "pkcs8" })
    .toString();
  return {
    NODE_ENV: "production",
    PUBLIC_URL: "https://qr.test",
    QR_CONFIG: path,
    QR_SIGNING_KEY: pem,
    ...extra,
  };
}
