import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { ConfigError, loadConfig } from "../../../src/config/load-config";

const dir = mkdtempSync(join(tmpdir(), "qr-config-"));

function configFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function configErrorOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("serves the demo application on port 4000 with no configuration at all", () => {
    const config = loadConfig({});

    expect(config).toMatchObject({
      port: 4000,
      publicUrl: "http://localhost:4000",
      source: "demo",
    });
    expect(config.applications.map((app) => app.appId)).toEqual(["demo"]);
    expect(config.applications[0]?.qrCodeLifetimeSeconds).toBe(120);
  });

  it("takes PORT and PUBLIC_URL, dropping a trailing slash", () => {
    expect(loadConfig({ PORT: "8080", PUBLIC_URL: "https://qr.example.com/" })).toMatchObject({
      port: 8080,
      publicUrl: "https://qr.example.com",
    });
  });

  it.each([
    [{ PORT: "http" }, "PORT: must be a whole number"],
    [{ PUBLIC_URL: "qr.example.com" }, "PUBLIC_URL: must be an absolute"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL: must be one of"],
    [{ TRUST_PROXY: "yes" }, "TRUST_PROXY: must be true or false"],
  ])("names the bad environment variable %p", (env, message) => {
    expect(configErrorOf(env)).toContain(message);
  });

  it("reads a YAML file, fills defaults, and resolves secrets from the environment", () => {
    const path = configFile(
      "ok.yaml",
      `applications:
  - appId: acme
    name: Acme
    allowedOrigins: [https://login.acme.test]
    connections:
      - id: acme-mp
        type: WECHAT_MINIPROGRAM
        wechat: { appId: wx123, appSecret: { env: ACME_WX_SECRET } }
`,
    );

    const config = loadConfig({ QR_CONFIG: path, ACME_WX_SECRET: "s3cret" });

    expect(config.applications[0]).toEqual({
      appId: "acme",
      name: "Acme",
      allowedOrigins: ["https://login.acme.test"],
      qrCodeLifetimeSeconds: 120,
      scanUrlTemplate: "{PUBLIC_URL}/scan/{scanToken}",
      connections: [
        {
          id: "acme-mp",
          type: "WECHAT_MINIPROGRAM",
          enabled: true,
          wechat: { appId: "wx123", appSecret: "s3cret" },
        },
      ],
    });
  });

  it("reads a JSON file too", () => {
    const path = configFile(
      "ok.json",
      JSON.stringify({ applications: [{ appId: "j", name: "J" }] }),
    );

    expect(loadConfig({ QR_CONFIG: path }).applications[0]?.appId).toBe("j");
  });

  it.each([
    [
      "an unknown key",
      "applications:\n  - appId: a\n    name: A\n    lifetime: 5\n",
      'applications.0: Unrecognized key: "lifetime"',
    ],
    [
      "a wrong type",
      "applications:\n  - appId: a\n    name: A\n    connections: [{ id: c, type: SMS }]\n",
      "applications.0.connections.0.type",
    ],
    [
      "a missing secret",
      "applications:\n  - appId: a\n    name: A\n    connections: [{ id: c, type: WECHAT_MINIPROGRAM, wechat: { appId: w, appSecret: { env: NOPE_SECRET } } }]\n",
      "applications.0.connections.0.wechat.appSecret: environment variable NOPE_SECRET is not set",
    ],
    [
      "a WeChat connection without credentials",
      "applications:\n  - appId: a\n    name: A\n    connections: [{ id: c, type: WECHAT_OFFICIAL_ACCOUNT }]\n",
      "applications.0.connections.0.wechat: required for WECHAT_OFFICIAL_ACCOUNT",
    ],
    [
      "a duplicate appId",
      "applications:\n  - { appId: a, name: A }\n  - { appId: a, name: B }\n",
      "applications.1.appId: duplicate appId a",
    ],
    [
      "a lifetime out of range",
      "applications:\n  - { appId: a, name: A, qrCodeLifetimeSeconds: 5 }\n",
      "applications.0.qrCodeLifetimeSeconds",
    ],
    [
      "a template without the token",
      "applications:\n  - { appId: a, name: A, scanUrlTemplate: 'https://x' }\n",
      "scanUrlTemplate: must contain {scanToken}",
    ],
    ["no applications", "applications: []\n", "applications: must list at least one application"],
  ])("refuses %s with a message naming the key", (_case, yaml, message) => {
    const path = configFile(`bad-${Math.random().toString(36).slice(2)}.yaml`, yaml);

    expect(configErrorOf({ QR_CONFIG: path })).toContain(message);
  });

  it("names an unreadable or unparsable file", () => {
    expect(configErrorOf({ QR_CONFIG: join(dir, "missing.yaml") })).toContain("cannot read");
    expect(configErrorOf({ QR_CONFIG: configFile("bad.json", "{ nope") })).toContain(
      "not valid JSON",
    );
  });
});
