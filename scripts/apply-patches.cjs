// postinstall: apply the Apollo Server patch of the performance layer (src/graphql/jit/README.md).
// patch-package alone says "No patch files found" and carries on when the folder was not
// copied beside package.json, and the service would then run unpatched without a word: that
// install is refused instead. scripts/install-production.sh copies the folder.
"use strict";
const { execFileSync } = require("node:child_process");
const { readdirSync } = require("node:fs");

const dir = "src/graphql/jit/patches";
let patches = [];
try {
  patches = readdirSync(dir).filter((name) => name.endsWith(".patch"));
} catch {
  // reported below
}
if (patches.length === 0) {
  process.stderr.write(
    `postinstall: no patch in ${dir}: copy that folder beside package.json before installing ` +
      "(scripts/install-production.sh does)\n",
  );
  process.exit(1);
}
execFileSync(
  process.execPath,
  [require.resolve("patch-package/index.js"), "--patch-dir", dir, "--error-on-fail"],
  { stdio: "inherit" },
);
