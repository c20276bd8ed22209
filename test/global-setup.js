// Tests that start the service as real child processes (replicas, shutdown) run the compiled
// JavaScript, and every server serves the built browser files (dist/web): build both once per
// run. The TypeScript build is incremental, so a rebuild with no change takes a moment.
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
  // The widget, demo pages and explorer the server serves (and the browser tests load).
  execFileSync(process.execPath, ["dist/scripts/build-web.js"], { cwd: root, stdio: "inherit" });
};
