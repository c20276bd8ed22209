import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

/** One run of test/support/oidc-device-client.mjs (openid-client, unmodified). */
export interface OidcDeviceRun {
  /** The device authorization response, once issued. */
  readonly authorized: Promise<OidcStep>;
  /** The end: tokens, or openid-client's error. */
  readonly finished: Promise<OidcStep>;
  readonly process: ChildProcess;
}

export interface OidcStep {
  readonly step: "authorized" | "done" | "error";
  readonly device?: Record<string, string | number>;
  readonly metadata?: Record<string, unknown>;
  readonly tokens?: Record<string, string | number>;
  readonly claims?: Record<string, unknown>;
  readonly error?: string;
  readonly code?: string;
  readonly status?: number;
  readonly message?: string;
}

export function runOidcDeviceClient(
  issuer: string,
  clientId: string,
  secret?: { value: string; method: "basic" | "post" },
): OidcDeviceRun {
  const args = [join(__dirname, "oidc-device-client.mjs"), issuer, clientId];
  if (secret) {
    args.push(secret.value, secret.method);
  }
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  const steps: OidcStep[] = [];
  const waiters: ((steps: OidcStep[]) => void)[] = [];
  let buffered = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    buffered += chunk.toString("utf8");
    let newline;
    while ((newline = buffered.indexOf("\n")) !== -1) {
      steps.push(JSON.parse(buffered.slice(0, newline)) as OidcStep);
      buffered = buffered.slice(newline + 1);
      waiters.forEach((wake) => wake(steps));
    }
  });
  const stepWhere = (test: (step: OidcStep) => boolean) =>
    new Promise<OidcStep>((resolve, reject) => {
      const check = (seen: OidcStep[]) => {
        const found = seen.find(test);
        if (found) {
          resolve(found);
        }
      };
      waiters.push(check);
      check(steps);
      child.on("exit", () => {
        check(steps);
        reject(new Error(`openid-client ended without that step: ${JSON.stringify(steps)}`));
      });
    });
  return {
    authorized: stepWhere((step) => step.step !== "done"),
    finished: stepWhere((step) => step.step === "done" || step.step === "error"),
    process: child,
  };
}
