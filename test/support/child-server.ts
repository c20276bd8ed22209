import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface ChildServer {
  readonly baseUrl: string;
  readonly process: ChildProcess;
  /** Output the process wrote, for assertions and for a failing test's message. */
  readonly output: () => string;
  /** Resolves with the exit code (or the signal) once the process has ended. */
  readonly exited: Promise<number | string>;
}

const MAIN = join(__dirname, "..", "..", "dist", "src", "main.js");

/** A free loopback port, picked by binding port 0 and letting go. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, "127.0.0.1");
  await once(probe, "listening");
  const address = probe.address();
  probe.close();
  return typeof address === "object" && address ? address.port : 0;
}

/** Writes a config file (YAML or JSON text) to a fresh temporary directory. */
export function writeConfig(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "qr-child-")), name);
  writeFileSync(path, text);
  return path;
}

/** The real service as a separate process (`node dist/src/main.js`), as it runs in production. */
export async function startChildServer(env: Record<string, string>): Promise<ChildServer> {
  const port = await freePort();
  // Not jest's NODE_ENV=test: libraries change behaviour on it (Apollo's signal handlers do).
  const inherited = { ...process.env };
  delete inherited.NODE_ENV;
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...inherited,
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      METRICS_PORT: "0",
      ...env,
      PORT: String(port),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const exited = new Promise<number | string>((resolve) =>
    child.on("exit", (code, signal) => resolve(code ?? signal ?? "unknown")),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`the server exited at start:\n${output}`);
    }
    const up = await fetch(`${baseUrl}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) {
      break;
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the server did not come up:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { baseUrl, process: child, output: () => output, exited };
}
