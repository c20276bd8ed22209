#!/usr/bin/env bash
# Proves a production install starts and serves: the compiled service and the lockfile in a
# clean folder, `npm ci --omit=dev` (scripts/install-production.sh, the Dockerfile's own step),
# start as the image does, generate a code, see it counted on the metrics port, stop with
# SIGTERM (exit 0).
# CI runs it; it catches production code that imports a devDependency.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
npm run build --silent
work=$(mktemp -d)
trap '[ -n "${pid:-}" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
scripts/install-production.sh "$work"
cd "$work"
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
port=$(free_port)
metrics_port=$(free_port)
NODE_ENV=production PORT=$port HOST=127.0.0.1 METRICS_PORT=$metrics_port METRICS_HOST=127.0.0.1 node --no-allocation-site-pretenuring dist/src/main.js >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/server.log"; echo "the production install did not start"; exit 1; }
  sleep 0.1
done
answer=$(curl -fs "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' -H 'x-app-id: demo' \
  -d '{"query":"mutation { generateQRCode(input: { type: MOBILE_APP }) { qrcodeId url } }"}')
echo "$answer" | grep -q '"qrcodeId"' || { echo "no code generated: $answer"; cat "$work/server.log"; exit 1; }
curl -fs "http://127.0.0.1:$metrics_port/metrics" | grep -q '^qrlogin_codes_generated_total{type="MOBILE_APP",app="demo"} 1$' \
  || { echo "the metrics port did not count the code"; exit 1; }
kill -TERM "$pid"
wait "$pid"
pid=
echo "production install: started, generated a code, counted it, stopped cleanly ($root)"
