// prestart: `npm start` in a clone builds first; after `npm ci --omit=dev` (no TypeScript) it
// runs the build that was installed, and says what is missing when there is none.
"use strict";
const { execSync } = require("node:child_process");
const { existsSync } = require("node:fs");

let compiler = true;
try {
  require.resolve("typescript");
} catch {
  compiler = false;
}
if (compiler) {
  execSync("npm run build", { stdio: "inherit" });
} else if (!existsSync("dist/src/main.js")) {
  process.stderr.write(
    "npm start: no build (dist/src/main.js) and no TypeScript to make one: build where the " +
      "devDependencies are installed (npm ci && npm run build), then install for production " +
      "(scripts/install-production.sh)\n",
  );
  process.exit(1);
}
