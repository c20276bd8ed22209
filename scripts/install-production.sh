#!/usr/bin/env bash
# Installs the built service (dist/) into TARGET with its production dependencies only:
# package files, the patches postinstall applies, dist/src and dist/web, then
# `npm ci --omit=dev`. The Dockerfile's build stage and CI's production-install check both run
# this, so the image and the check cannot drift apart. Run after `npm run build`.
set -euo pipefail
target=${1:?usage: scripts/install-production.sh TARGET}
cd "$(dirname "$0")/.."
[ -f dist/src/main.js ] || { echo "no dist/src/main.js: run npm run build first" >&2; exit 1; }
mkdir -p "$target/dist" "$target/src/graphql/jit"
cp package.json package-lock.json "$target/"
# The lockfile names the workspace (the scanner client, packages/scanner), so npm ci wants its
# package.json; the service needs nothing else of it.
mkdir -p "$target/packages/scanner"
cp packages/scanner/package.json "$target/packages/scanner/"
cp -r src/graphql/jit/patches "$target/src/graphql/jit/"
mkdir -p "$target/scripts"
cp scripts/apply-patches.cjs scripts/prestart.cjs "$target/scripts/"
cp -r dist/src dist/web "$target/dist/"
cd "$target"
npm ci --omit=dev --no-audit --no-fund --loglevel=error
