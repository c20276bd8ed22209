import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Service } from "kubernetes-models/v1/Service";

import { DEFAULTS, loadApplicationsFile, yamlDocuments } from "./deploy-files";

const DIR = "deploy/kubernetes";
const one = <T>(path: string, Model: new (data: never) => T & { validate(): void }): T => {
  const [document] = yamlDocuments(`${DIR}/${path}`);
  const model = new Model(document as never);
  model.validate(); // against the Kubernetes JSON schemas; throws on any violation
  return model;
};

describe("the Kubernetes manifests (deploy/kubernetes)", () => {
  const deployment = one("deployment.yaml", Deployment);
  const service = one("service.yaml", Service);
  const budget = one("pdb.yaml", PodDisruptionBudget);
  const applications = one("configmap.yaml", ConfigMap);
  const pod = deployment.spec?.template.spec;
  const container = pod?.containers[0];
  const env = Object.fromEntries((container?.env ?? []).map((item) => [item.name, item.value]));
  const port = (name: string) => container?.ports?.find((item) => item.name === name);

  it("validate against the Kubernetes schemas, and kustomization.yaml applies all of them", () => {
    const [kustomization] = yamlDocuments(`${DIR}/kustomization.yaml`);

    expect(kustomization?.resources).toEqual([
      "configmap.yaml",
      "deployment.yaml",
      "service.yaml",
      "pdb.yaml",
    ]);
  });

  it("probe and expose the ports the service listens on, with the service's own settings", () => {
    expect(port("http")?.containerPort).toBe(Number(env.PORT ?? DEFAULTS.port));
    expect(port("http")?.containerPort).toBe(DEFAULTS.port);
    expect(port("metrics")?.containerPort).toBe(DEFAULTS.metrics?.port);
    expect(Number(env.METRICS_PORT)).toBe(DEFAULTS.metrics?.port);
    expect(container?.readinessProbe?.httpGet).toEqual({ path: "/readyz", port: "http" });
    expect(container?.livenessProbe?.httpGet).toEqual({ path: "/healthz", port: "http" });
    expect(deployment.spec?.template.metadata?.annotations).toMatchObject({
      "prometheus.io/scrape": "true",
      "prometheus.io/port": String(DEFAULTS.metrics?.port),
      "prometheus.io/path": "/metrics",
    });
    expect(service.spec?.ports?.map((item) => item.targetPort)).toEqual(["http", "metrics"]);
  });

  it("stop within the grace period: preStop, then the drain, then at most 10 s to close", () => {
    const preStopSeconds = Number(container?.lifecycle?.preStop?.exec?.command?.[1]);
    const drainSeconds = Number(env.SHUTDOWN_DRAIN_MS ?? DEFAULTS.shutdownDrainMs) / 1000;

    expect(container?.lifecycle?.preStop?.exec?.command?.[0]).toBe("sleep");
    expect(preStopSeconds).toBeGreaterThan(0);
    expect(pod?.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(
      preStopSeconds + drainSeconds + 10,
    );
    // The readiness probe notices the drain's 503 while the replica still serves.
    const probe = container?.readinessProbe;
    expect((probe?.periodSeconds ?? 10) * (probe?.failureThreshold ?? 3)).toBeLessThan(
      drainSeconds,
    );
  });

  it("run as the image's non-root user, with nothing to escalate and a read-only root", () => {
    expect(pod?.securityContext?.runAsNonRoot).toBe(true);
    expect(pod?.securityContext?.runAsUser).toBe(1000);
    expect(container?.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
    });
    expect(container?.resources?.requests).toBeDefined();
  });

  it("select the deployment's pods from the Service and the PodDisruptionBudget", () => {
    const labels = deployment.spec?.template.metadata?.labels;

    expect(deployment.spec?.selector.matchLabels).toEqual(labels);
    expect(service.spec?.selector).toEqual(labels);
    expect(budget.spec?.selector?.matchLabels).toEqual(labels);
    expect(budget.spec?.maxUnavailable).toBe(1);
    expect(deployment.spec?.replicas).toBeGreaterThan(1);
  });

  it("mount an applications file the service accepts, with its keys from the Secret", () => {
    const configDir = container?.volumeMounts?.find((mount) => mount.name === "applications");
    const keysDir = container?.volumeMounts?.find((mount) => mount.name === "keys");
    const text = applications.data?.["applications.yaml"] ?? "";

    expect(`${configDir?.mountPath}/applications.yaml`).toBe(env.QR_CONFIG);
    expect(pod?.volumes?.find((volume) => volume.name === "keys")?.secret?.secretName).toBe(
      "qr-login-keys",
    );
    const config = loadApplicationsFile(text, keysDir?.mountPath ?? "", {
      "signing-key.pem": "signing key",
      "app-token-secret": "secret",
    });
    expect(config.applications[0]?.appId).toBe("acme");
    expect(config.signingKeys?.[0]?.kid).toBe("login-1");
  });
});
