// Tests that start the service as real child processes (replicas, shutdown) run the compiled
// JavaScript; build it once per run. Incremental, so a rebuild with no change takes a moment.
const { execFileSync } = require("node:child_process");
const { join } = require("node:path");

module.exports = async () => {
  const root = join(__dirname, "..");
  execFileSync(
    process.execPath,
    [
      require.resolve("typescript/bin/tsc"),
      "-p",
      "tsconfig.build.json",
      "--incremental",
      "--tsBuildInfoFile",
      "dist/.tsbuildinfo",
    ],
    { cwd: root, stdio: "inherit" },
  );
};
