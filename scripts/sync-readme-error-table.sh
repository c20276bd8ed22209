#!/usr/bin/env bash
# Rewrites the README's error table from src/errors/error-table.ts (a test checks they agree).
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsc -p tsconfig.build.json
node -e '
const fs = require("fs");
const { errorTableMarkdown } = require("./dist/src/errors/error-table-markdown");
const readme = fs.readFileSync("README.md", "utf8");
const next = readme.replace(
  /(<!-- error-table:start -->\n)[\s\S]*?(\n<!-- error-table:end -->)/,
  (_, start, end) => start + errorTableMarkdown() + end,
);
fs.writeFileSync("README.md", next);
'
