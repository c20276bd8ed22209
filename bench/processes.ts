import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { join } from "node:path";

/** Cores the bench uses: servers on the first, the load generator on the second. */
export const SERVER_CORE = "0";
export const LOAD_CORE = "1";

const hasTaskset = (() => {
  try {
    execFileSync("taskset", ["-V"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

export function pinSelf(core: string): void {
  if (hasTaskset) {
    execFileSync("taskset", ["-cp", core, String(process.pid)], { stdio: "ignore" });
  }
}

/**
 * The bench's load comes from one address, where real traffic comes from many: the per-client
 * limits (codes per address, WebSockets per address) would measure the limiter, not the service.
 */
export const ONE_CLIENT_IS_MANY = {
  GENERATE_LIMIT: "1000000000/60",
  WS_MAX_CONNECTIONS_PER_ADDRESS: "1000000",
  SCANNER_LIMIT: "1000000000,1000/60",
};

/**
 * The V8 flags `npm start` gives the service (package.json), given to every process the bench
 * starts, the baselines included, so the comparison stays fair.
 */
const NODE_FLAGS = ["--no-allocation-site-pretenuring"];

/** Starts `node dist/<script>` pinned to a core, with the environment given. */
export function startNode(
  script: string,
  env: Record<string, string>,
  core = SERVER_CORE,
): ChildProcess {
  const path = join(__dirname, "..", script);
  const [command, args] = hasTaskset
    ? ["taskset", ["-c", core, process.execPath, ...NODE_FLAGS, path]]
    : [process.execPath, [...NODE_FLAGS, path]];
  return spawn(command, args, {
    // Metrics off unless a bench asks: every service would otherwise take port 9464.
    env: { ...process.env, METRICS_PORT: "0", ...ONE_CLIENT_IS_MANY, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
}

export function runNode(script: string, args: string[], core = SERVER_CORE): string {
  const path = join(__dirname, "..", script);
  const [command, argv] = hasTaskset
    ? ["taskset", ["-c", core, process.execPath, ...NODE_FLAGS, path, ...args]]
    : [process.execPath, [...NODE_FLAGS, path, ...args]];
  return execFileSync(command, argv, { encoding: "utf8" });
}

export async function waitUntilUp(url: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status < 500) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms`);
}

/** Runs `node dist/<script> args` pinned to a core and resolves with what it printed. */
export function runNodeAsync(script: string, args: string[], core: string): Promise<string> {
  const path = join(__dirname, "..", script);
  const [command, argv] = hasTaskset
    ? ["taskset", ["-c", core, process.execPath, ...NODE_FLAGS, path, ...args]]
    : [process.execPath, [...NODE_FLAGS, path, ...args]];
  const child = spawn(command, argv, { stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  return new Promise((resolve, reject) =>
    child.on("exit", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${script} exited with ${code}`)),
    ),
  );
}
