import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { jwkThumbprint } from "../../../src/config/jwk-thumbprint";
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

  it("bounds the memory store at a million codes unless MEMORY_MAX_CODES says otherwise", () => {
    expect(loadConfig({}).memoryMaxCodes).toBe(1_000_000);
    expect(loadConfig({ MEMORY_MAX_CODES: "5000" }).memoryMaxCodes).toBe(5000);
  });

  it("never echoes a malformed REDIS_URL, which may carry a password", () => {
    expect(configErrorOf({ REDIS_URL: "http://user:hunter2@redis:6379" })).not.toContain("hunter2");
  });

  it("trusts no proxy by default, and takes a hop count or proxy addresses", () => {
    expect(loadConfig({}).trustProxy).toEqual({ kind: "none" });
    expect(loadConfig({ TRUST_PROXY: "1" }).trustProxy).toEqual({ kind: "hops", hops: 1 });
    expect(loadConfig({ TRUST_PROXY: "10.0.0.0/8, loopback ,::1" }).trustProxy).toEqual({
      kind: "addresses",
      addresses: ["10.0.0.0/8", "loopback", "::1"],
    });
  });

  it("sets limits by default and takes them from the environment", () => {
    expect(loadConfig({}).limits).toMatchObject({
      generateLimit: { perClientIp: 120, windowSeconds: 60 },
      wsConnectionsPerAddress: 100,
      subscriptionsPerConnection: 20,
      subscriptionsPerCode: 10,
    });
    expect(loadConfig({ GENERATE_LIMIT: "5/10", MEMORY_MAX_BYTES: "64MiB" }).limits).toMatchObject({
      generateLimit: { perClientIp: 5, windowSeconds: 10 },
      memoryMaxBytes: 64 * 1024 * 1024,
    });
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
    [{ TRUST_PROXY: "yes" }, 'TRUST_PROXY: "yes" is not a hop count, an IP address, a CIDR'],
    [{ TRUST_PROXY: "true" }, 'TRUST_PROXY: "true" would believe any client-written'],
    [{ TRUST_PROXY: "10.0.0.0/33" }, 'TRUST_PROXY: "10.0.0.0/33" is not'],
    [{ GENERATE_LIMIT: "120" }, "GENERATE_LIMIT: must be <count>/<seconds>"],
    [{ MEMORY_MAX_BYTES: "12" }, "MEMORY_MAX_BYTES: must be a size of at least 1MiB"],
    [{ WS_MAX_CONNECTIONS_PER_ADDRESS: "0" }, "WS_MAX_CONNECTIONS_PER_ADDRESS: must be a whole"],
    [{ REDIS_URL: "http://user:hunter2@redis:6379" }, "REDIS_URL: must be a redis://"],
    [{ MEMORY_MAX_CODES: "0" }, "MEMORY_MAX_CODES: must be a whole number of at least 1"],
    [{ MEMORY_MAX_CODES: "1e6" }, "MEMORY_MAX_CODES: must be a whole number of at least 1"],
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
      ticketLifetimeSeconds: 60,
      pollIntervalMs: 500,
      tokenLifetimeSeconds: 3600,
      connections: [
        {
          id: "acme-mp",
          type: "WECHAT_MINIPROGRAM",
          enabled: true,
          settings: {
            wechat: { appId: "wx123", appSecret: "s3cret" },
            miniProgram: { envVersion: "release", width: 430, checkPath: true },
          },
        },
      ],
    });
  });

  it("reads app-token policies, a confidential client secret, a login hook and the signing key", () => {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const pem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    const path = configFile(
      "full.yaml",
      `signingKey: { kid: key-2026-11, privateKey: { env: QR_SIGNING_KEY } }
applications:
  - appId: acme
    name: Acme
    confidential: true
    clientSecret: { env: ACME_CLIENT_SECRET }
    ticketLifetimeSeconds: 30
    generateLimit: { perClientIp: 30, windowSeconds: 60 }
    appTokens: { issuer: acme-mobile, audience: acme, secret: { env: ACME_APP_TOKEN_SECRET } }
    loginHook: { url: https://hooks.acme.test/login, secret: { env: ACME_HOOK_SECRET } }
    connections: [{ id: app, type: MOBILE_APP }]
  - appId: beta
    name: Beta
    appTokens: { issuer: beta, audience: beta, jwksUrl: https://beta.test/jwks.json }
`,
    );

    const config = loadConfig({
      QR_CONFIG: path,
      QR_SIGNING_KEY: pem,
      ACME_CLIENT_SECRET: "client-secret-of-at-least-32-bytes",
      ACME_APP_TOKEN_SECRET: "a".repeat(32),
      ACME_HOOK_SECRET: "hook-secret",
    });

    expect(config.signingKeys).toEqual([{ kid: "key-2026-11", privateKeyPem: pem, activeFrom: 0 }]);
    expect(config.applications[0]).toMatchObject({
      clientSecret: "client-secret-of-at-least-32-bytes",
      ticketLifetimeSeconds: 30,
      generateLimit: { perClientIp: 30, windowSeconds: 60 },
      appTokens: {
        issuer: "acme-mobile",
        audience: "acme",
        key: { kind: "secret", secret: "a".repeat(32) },
      },
      loginHook: { url: "https://hooks.acme.test/login", secret: "hook-secret", timeoutMs: 3000 },
    });
    expect(config.applications[1]?.appTokens?.key).toEqual({
      kind: "jwks",
      url: "https://beta.test/jwks.json",
    });
    expect(config.applications[1]).not.toHaveProperty("clientSecret");
  });

  it("refuses a signing key that cannot sign ES256", () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
    const path = configFile(
      "rsa.yaml",
      "signingKey: { kid: k1, privateKey: { env: KEY } }\napplications: [{ appId: a, name: A }]\n",
    );

    expect(
      configErrorOf({
        QR_CONFIG: path,
        KEY: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
      }),
    ).toContain("signingKey.privateKey: must be an EC P-256 key for ES256");
    expect(configErrorOf({ QR_CONFIG: path, KEY: "not a key" })).toContain(
      "signingKey.privateKey: not a PEM private key",
    );
  });

  it("reads a secret from a file (a mounted Docker or Kubernetes secret), without its final newline, and names a missing one", () => {
    const pem = generateKeyPairSync("ec", { namedCurve: "P-256" })
      .privateKey.export({ format: "pem", type: "pkcs8" })
      .toString();
    const keyFile = configFile("signing_key", pem.endsWith("\n") ? pem : `${pem}\n`);
    const path = configFile(
      "file-secret.yaml",
      `signingKey: { kid: k, privateKey: { file: ${keyFile} } }\napplications: [{ appId: a, name: A }]\n`,
    );
    const missing = configFile(
      "missing-secret.yaml",
      `signingKey: { kid: k, privateKey: { file: ${join(dir, "nope")} } }\napplications: [{ appId: a, name: A }]\n`,
    );
    const both = configFile(
      "both-refs.yaml",
      `signingKey: { kid: k, privateKey: { env: K, file: ${keyFile} } }\napplications: [{ appId: a, name: A }]\n`,
    );

    expect(loadConfig({ QR_CONFIG: path }).signingKeys?.[0]?.privateKeyPem).toBe(
      pem.replace(/\n$/, ""),
    );
    expect(configErrorOf({ QR_CONFIG: missing })).toContain(
      `signingKey.privateKey: secret file ${join(dir, "nope")} is missing or empty`,
    );
    expect(configErrorOf({ QR_CONFIG: both, K: "x" })).toContain(
      "signingKey.privateKey: must be { env: VARIABLE } or { file: /absolute/path }",
    );
  });

  describe("signingKeys, the rotation form", () => {
    const pemOf = (curve: string) =>
      generateKeyPairSync("ec", { namedCurve: curve })
        .privateKey.export({ format: "pem", type: "pkcs8" })
        .toString();
    const rotation = (keys: string) =>
      configFile("rotation.yaml", `signingKeys:\n${keys}applications: [{ appId: a, name: A }]\n`);

    it("reads each key with its activeFrom, and names a key without kid by its RFC 7638 thumbprint", () => {
      const [first, next] = [pemOf("P-256"), pemOf("P-256")];
      const path = rotation(
        `  - { kid: k1, privateKey: { env: K1 }, activeFrom: "2026-01-01T00:00:00Z" }
  - { privateKey: { env: K2 }, activeFrom: "2099-01-01T00:00:00+08:00" }
`,
      );

      const config = loadConfig({ QR_CONFIG: path, K1: first, K2: next });

      expect(config.signingKeys).toEqual([
        { kid: "k1", privateKeyPem: first, activeFrom: Date.parse("2026-01-01T00:00:00Z") },
        {
          kid: jwkThumbprint(next),
          privateKeyPem: next,
          activeFrom: Date.parse("2098-12-31T16:00:00Z"),
        },
      ]);
      expect(jwkThumbprint(next)).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(config.signingKeyPublishAheadSeconds).toBe(3600);
    });

    it("refuses two keys with one kid, a key that is not P-256, no key active yet, and both forms at once", () => {
      const env = { K1: pemOf("P-256"), K2: pemOf("P-256"), K3: pemOf("P-384") };

      expect(
        configErrorOf({
          ...env,
          QR_CONFIG:
            rotation(`  - { kid: same, privateKey: { env: K1 }, activeFrom: "2026-01-01T00:00:00Z" }
  - { kid: same, privateKey: { env: K2 }, activeFrom: "2027-01-01T00:00:00Z" }
`),
        }),
      ).toContain('signingKeys: two keys have the kid "same"');
      expect(
        configErrorOf({
          ...env,
          QR_CONFIG: rotation(`  - { privateKey: { env: K3 }, activeFrom: "2026-01-01T00:00:00Z" }
`),
        }),
      ).toContain("signingKeys.0.privateKey: must be an EC P-256 key for ES256, got secp384r1");
      expect(
        configErrorOf({
          ...env,
          QR_CONFIG: rotation(`  - { privateKey: { env: K1 }, activeFrom: "2099-01-01T00:00:00Z" }
`),
        }),
      ).toContain("signingKeys: no key is active yet");
      expect(
        configErrorOf({
          ...env,
          QR_CONFIG: rotation(`  - { privateKey: { env: K1 }, activeFrom: "yesterday" }
`),
        }),
      ).toContain("activeFrom");
      expect(
        configErrorOf({
          ...env,
          QR_CONFIG: configFile(
            "both.yaml",
            `signingKey: { kid: k, privateKey: { env: K1 } }
signingKeys: [{ privateKey: { env: K2 }, activeFrom: "2026-01-01T00:00:00Z" }]
applications: [{ appId: a, name: A }]
`,
          ),
        }),
      ).toContain("set signingKey (one key) or signingKeys (a rotation), not both");
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
    [
      "a MOBILE_APP connection with no app-token policy",
      "applications:\n  - { appId: a, name: A, connections: [{ id: c, type: MOBILE_APP }] }\n",
      "applications.0.appTokens: required when a MOBILE_APP connection is enabled",
    ],
    [
      "an app-token policy with two keys",
      "applications:\n  - { appId: a, name: A, appTokens: { issuer: i, audience: a, jwksUrl: 'https://x.test/j', secret: { env: SOME_SECRET } } }\n",
      "applications.0.appTokens: give exactly one of secret, publicKey, jwksUrl",
    ],
    [
      "an app-token public key that is not a PEM key",
      "applications:\n  - { appId: a, name: A, appTokens: { issuer: i, audience: a, publicKey: { env: SOME_SECRET } } }\n",
      "applications.0.appTokens.publicKey: not a PEM public key",
    ],
    [
      "a confidential application without its secret",
      "applications:\n  - { appId: a, name: A, confidential: true }\n",
      "applications.0.clientSecret: required when confidential is true",
    ],
    [
      "a guessable client secret",
      "applications:\n  - { appId: a, name: A, confidential: true, clientSecret: { env: SHORT_SECRET } }\n",
      "applications.0.clientSecret: must be at least 32 bytes",
    ],
    [
      "a login hook without a secret",
      "applications:\n  - { appId: a, name: A, loginHook: { url: 'https://h.test' } }\n",
      "applications.0.loginHook.secret",
    ],
  ])("refuses %s with a message naming the key", (_case, yaml, message) => {
    const path = configFile(`bad-${Math.random().toString(36).slice(2)}.yaml`, yaml);

    expect(
      configErrorOf({ QR_CONFIG: path, SOME_SECRET: "x".repeat(32), SHORT_SECRET: "abc" }),
    ).toContain(message);
  });

  it("names an unreadable or unparsable file", () => {
    expect(configErrorOf({ QR_CONFIG: join(dir, "missing.yaml") })).toContain("cannot read");
    expect(configErrorOf({ QR_CONFIG: configFile("bad.json", "{ nope") })).toContain(
      "not valid JSON",
    );
  });
  it("stops a production start that has no PUBLIC_URL or no signing key, naming the setting", () => {
    const pem = generateKeyPairSync("ec", { namedCurve: "P-256" })
      .privateKey.export({ format: "pem", type: "pkcs8" })
      .toString();
    const keyed = configFile(
      "production.yaml",
      "signingKey: { kid: k1, privateKey: { env: KEY } }\napplications: [{ appId: a, name: A }]\n",
    );
    const keyless = configFile("keyless.yaml", "applications: [{ appId: a, name: A }]\n");

    expect(configErrorOf({ NODE_ENV: "production", QR_CONFIG: keyed, KEY: pem })).toMatch(
      /^PUBLIC_URL: required when NODE_ENV=production/,
    );
    expect(
      configErrorOf({ NODE_ENV: "production", PUBLIC_URL: "https://qr.test", QR_CONFIG: keyless }),
    ).toMatch(/^signingKey: required when NODE_ENV=production/);
    expect(configErrorOf({ NODE_ENV: "production", PUBLIC_URL: "https://qr.test" })).toMatch(
      /^signingKey: required when NODE_ENV=production/,
    );
    expect(
      loadConfig({
        NODE_ENV: "production",
        PUBLIC_URL: "https://qr.test",
        QR_CONFIG: keyed,
        KEY: pem,
      }).production,
    ).toBe(true);
  });
  it("reads an application's cross-device rules and the device poll interval, and refuses bad ones by name", () => {
    const path = configFile(
      "cross-device.yaml",
      "applications:\n  - appId: a\n    name: A\n    crossDevice: { requireSameNetwork: true, maxCodeAgeSeconds: 60 }\n",
    );
    const bad = configFile(
      "cross-device-bad.yaml",
      "applications:\n  - appId: a\n    name: A\n    crossDevice: { requireSameNetwork: yes-please }\n",
    );

    expect(loadConfig({ QR_CONFIG: path }).applications[0]?.crossDevice).toEqual({
      requireSameNetwork: true,
      maxCodeAgeSeconds: 60,
    });
    expect(configErrorOf({ QR_CONFIG: bad })).toContain(
      "applications.0.crossDevice.requireSameNetwork",
    );
    expect(loadConfig({}).limits.devicePollIntervalSeconds).toBe(5);
    expect(loadConfig({ DEVICE_POLL_INTERVAL_SECONDS: "0" }).limits.devicePollIntervalSeconds).toBe(
      0,
    );
    expect(configErrorOf({ DEVICE_POLL_INTERVAL_SECONDS: "-1" })).toContain(
      "DEVICE_POLL_INTERVAL_SECONDS",
    );
  });

  it("reads the company's app links, and refuses an app ID, package or fingerprint the phone would reject, by name", () => {
    const fingerprint = Array.from({ length: 32 }, () => "AB").join(":");
    const path = configFile(
      "app-links.yaml",
      `appLinks:\n  ios: { appIds: [ABCDE12345.com.acme.app], storeUrl: "https://apps.apple.com/app/id1" }\n  android:\n    - packageName: com.acme.app\n      sha256CertFingerprints: ["${fingerprint}"]\napplications:\n  - appId: a\n    name: A\n`,
    );
    const bad = (name: string, appLinks: string) =>
      configErrorOf({
        QR_CONFIG: configFile(
          name,
          `appLinks: ${appLinks}\napplications:\n  - appId: a\n    name: A\n`,
        ),
      });

    expect(loadConfig({ QR_CONFIG: path }).appLinks).toEqual({
      ios: { appIds: ["ABCDE12345.com.acme.app"], storeUrl: "https://apps.apple.com/app/id1" },
      android: [{ packageName: "com.acme.app", sha256CertFingerprints: [fingerprint] }],
    });
    expect(loadConfig({}).appLinks).toBeUndefined();
    expect(bad("ios-bad.yaml", "{ ios: { appIds: [com.acme.app] } }")).toContain(
      "appLinks.ios.appIds.0: must be TEAMID.bundle.id",
    );
    expect(
      bad(
        "pkg-bad.yaml",
        `{ android: [{ packageName: acme, sha256CertFingerprints: ["${fingerprint}"] }] }`,
      ),
    ).toContain("appLinks.android.0.packageName: must be a Java package name");
    expect(
      bad(
        "fp-bad.yaml",
        "{ android: [{ packageName: com.acme.app, sha256CertFingerprints: [ab:cd] }] }",
      ),
    ).toContain("appLinks.android.0.sha256CertFingerprints.0: must be 32 upper-case hex bytes");
    expect(bad("empty.yaml", "{}")).toContain("appLinks: give ios, android or both");
  });
});
