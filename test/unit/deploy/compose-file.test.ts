import { DEFAULTS, loadApplicationsFile, readRepoFile, yamlDocuments } from "./deploy-files";

interface ComposeService {
  readonly build?: string;
  readonly image?: string;
  readonly environment?: Record<string, string>;
  readonly configs?: { source: string; target: string }[];
  readonly secrets?: string[];
  readonly ports?: string[];
  readonly depends_on?: Record<string, { condition: string }>;
  readonly healthcheck?: { test: string[] };
  readonly stop_grace_period?: string;
}

describe("compose.yaml: Redis and two replicas", () => {
  const [compose] = yamlDocuments("compose.yaml") as [
    {
      services: Record<string, ComposeService>;
      configs: Record<string, { file: string }>;
      secrets: Record<string, { file: string }>;
    },
  ];
  const gateways = Object.entries(compose.services).filter(([, service]) => service.build);

  it("runs two replicas of this image on the one Redis, which each waits for", () => {
    expect(gateways.map(([name]) => name)).toEqual(["gateway-1", "gateway-2"]);
    expect(compose.services.redis?.healthcheck?.test).toEqual(["CMD", "redis-cli", "ping"]);
    for (const [, gateway] of gateways) {
      expect(gateway.build).toBe(".");
      expect(gateway.environment?.REDIS_URL).toBe("redis://redis:6379");
      expect(gateway.depends_on?.redis?.condition).toBe("service_healthy");
    }
  });

  it("publishes each replica's API and metrics port, and checks it by /readyz", () => {
    const containerPorts = gateways.map(([, gateway]) =>
      (gateway.ports ?? []).map((mapping) => Number(mapping.split(":")[1])),
    );

    expect(containerPorts).toEqual([
      [DEFAULTS.port, DEFAULTS.metrics?.port],
      [DEFAULTS.port, DEFAULTS.metrics?.port],
    ]);
    for (const [, gateway] of gateways) {
      expect(gateway.healthcheck?.test.join(" ")).toContain(
        `http://127.0.0.1:${DEFAULTS.port}/readyz`,
      );
      const drainSeconds = Number(gateway.environment?.SHUTDOWN_DRAIN_MS) / 1000;
      expect(Number.parseInt(gateway.stop_grace_period ?? "10s", 10)).toBeGreaterThanOrEqual(
        drainSeconds + 10,
      );
    }
  });

  it("shares one applications file, which the service accepts, and one signing key from a secret", () => {
    const [[, first], [, second]] = gateways as [
      [string, ComposeService],
      [string, ComposeService],
    ];
    const target = first.configs?.[0]?.target;
    const file = compose.configs[first.configs?.[0]?.source ?? ""]?.file ?? "";

    expect(second.configs).toEqual(first.configs);
    expect(first.environment?.QR_CONFIG).toBe(target);
    expect(first.secrets).toEqual(["signing_key"]);
    expect(second.secrets).toEqual(["signing_key"]);
    expect(compose.secrets.signing_key?.file).toBe("./deploy/compose/signing-key.pem");
    expect(readRepoFile(".gitignore")).toContain("deploy/compose/signing-key.pem");
    const config = loadApplicationsFile(
      readRepoFile(file.replace(/^\.\//, "")),
      "/run/secrets",
      { signing_key: "signing key" },
      { APP_TOKEN_SECRET: "a".repeat(32) },
    );
    expect(config.signingKeys?.[0]?.kid).toBe("compose-1");
    expect(config.applications.map((app) => app.appId)).toEqual(["demo"]);
  });
});
