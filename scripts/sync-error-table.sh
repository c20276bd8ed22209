#!/usr/bin/env bash
# Rewrites docs/errors.md's table from src/errors/error-table.ts (a test checks they agree).
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsc -p tsconfig.build.json
node -e '
const fs = require("fs");
const { errorTableMarkdown } = require("./dist/src/errors/error-table-markdown");
const doc = fs.readFileSync("docs/errors.md", "utf8");
const next = doc.replace(
  /(<!-- error-table:start -->\n)[\s\S]*?(\n<!-- error-table:end -->)/,
  (_, start, end) => start + errorTableMarkdown() + end,
);
fs.writeFileSync("docs/errors.md", next);
'
