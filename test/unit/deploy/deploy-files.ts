import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { parseAllDocuments } from "yaml";

import { loadConfig, type ServiceConfig } from "../../../src/config/load-config";

export const ROOT = join(__dirname, "..", "..", "..");

export function readRepoFile(path: string): string {
  return readFileSync(join(ROOT, path), "utf8");
}

/** Every YAML document of a file of the repository, as plain data. */
export function yamlDocuments(path: string): Record<string, unknown>[] {
  return parseAllDocuments(readRepoFile(path), { merge: true }).map(
    (document) => document.toJS() as Record<string, unknown>,
  );
}

/** What the service does with no environment: its ports and drain, which the files must match. */
export const DEFAULTS: ServiceConfig = loadConfig({});

/**
 * Loads an applications file as a replica would, with the secret files it names made in a
 * temporary folder that stands for `secretsDir` (where the deployment mounts them).
 */
export function loadApplicationsFile(
  text: string,
  secretsDir: string,
  /** Each secret file the file names, and whether it holds a signing key or a plain secret. */
  secretFiles: Record<string, "signing key" | "secret">,
  env: Record<string, string> = {},
): ServiceConfig {
  const dir = mkdtempSync(join(tmpdir(), "qr-deploy-"));
  for (const [name, kind] of Object.entries(secretFiles)) {
    const value =
      kind === "signing key"
        ? generateKeyPairSync("ec", { namedCurve: "P-256" })
            .privateKey.export({ format: "pem", type: "pkcs8" })
            .toString()
        : "s".repeat(64);
    writeFileSync(join(dir, name), value);
  }
  const path = join(dir, "applications.yaml");
  writeFileSync(path, text.split(secretsDir).join(dir));
  return loadConfig({ ...env, QR_CONFIG: path });
}
