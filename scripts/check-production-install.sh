#!/usr/bin/env bash
# Proves a production install starts and serves: the compiled service and the lockfile in a
# clean folder, `npm ci --omit=dev` (scripts/install-production.sh, the Dockerfile's own step);
# a production start without PUBLIC_URL or a signing key refused; `npm start` serving there; then
# start as the image does, generate a code, see it counted on the metrics port, stop with
# SIGTERM (exit 0).
# CI runs it; it catches production code that imports a devDependency.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
npm run build --silent
work=$(mktemp -d)
trap '[ -n "${pid:-}" ] && kill "$pid" 2>/dev/null; [ -z "${KEEP:-}" ] && rm -rf "$work"' EXIT
scripts/install-production.sh "$work"
cd "$work"
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
port=$(free_port)
metrics_port=$(free_port)
# Unsafe settings stop the start: no PUBLIC_URL, no signing key.
if NODE_ENV=production PORT=$port node dist/src/main.js >"$work/refused.log" 2>&1; then
  echo "a production start without PUBLIC_URL or a signing key was not refused"; exit 1
fi
grep -q "PUBLIC_URL: required when NODE_ENV=production" "$work/refused.log" \
  || { cat "$work/refused.log"; echo "the refusal did not name PUBLIC_URL"; exit 1; }
node -e 'const {generateKeyPairSync}=require("crypto");process.stdout.write(generateKeyPairSync("ec",{namedCurve:"P-256"}).privateKey.export({format:"pem",type:"pkcs8"}))' >"$work/signing-key.pem"
cat >"$work/applications.yaml" <<YAML
signingKey: { kid: check, privateKey: { file: $work/signing-key.pem } }
applications:
  - appId: demo
    name: Demo
    appTokens: { issuer: check, audience: demo, secret: { env: APP_TOKEN_SECRET } }
    connections: [{ id: demo-app, type: MOBILE_APP }]
YAML
export APP_TOKEN_SECRET NODE_ENV=production PUBLIC_URL=http://127.0.0.1:$port QR_CONFIG="$work/applications.yaml" \
  PORT=$port HOST=127.0.0.1 METRICS_PORT=$metrics_port METRICS_HOST=127.0.0.1
APP_TOKEN_SECRET=$(node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex"))')
wait_for_health() {
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$1" 2>/dev/null || { cat "$2"; echo "the production install did not start"; exit 1; }
    sleep 0.1
  done
  echo "the production install did not answer /healthz"; exit 1
}
# npm start, as a person would after a production install: no TypeScript here, so it runs the
# installed build. npm is not a process supervisor (the image runs node directly), so its whole
# group is stopped once it serves.
SHUTDOWN_DRAIN_MS=0 setsid npm start --silent >"$work/npm-start.log" 2>&1 &
pid=$!
wait_for_health "$pid" "$work/npm-start.log"
kill -TERM -- "-$pid"
wait "$pid" || true
while curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do sleep 0.1; done
# As the image runs it: node itself, which gets the SIGTERM and drains.
node --no-allocation-site-pretenuring dist/src/main.js >"$work/server.log" 2>&1 &
pid=$!
wait_for_health "$pid" "$work/server.log"
answer=$(curl -fs "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' -H 'x-app-id: demo' \
  -d '{"query":"mutation { generateQRCode(input: { type: MOBILE_APP }) { qrcodeId url } }"}')
echo "$answer" | grep -q '"qrcodeId"' || { echo "no code generated: $answer"; cat "$work/server.log"; exit 1; }
curl -fs "http://127.0.0.1:$metrics_port/metrics" | grep -q '^qrlogin_codes_generated_total{type="MOBILE_APP",app="demo"} 1$' \
  || { echo "the metrics port did not count the code"; exit 1; }
kill -TERM "$pid"
wait "$pid"
pid=
echo "production install: refused unsafe settings, npm start served, started, generated a code, counted it, stopped cleanly ($root)"
