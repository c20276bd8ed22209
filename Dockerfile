# The QR Login Gateway. Build: docker build -t qr-login-gateway .
# Node 24 is the current LTS (Node 20 reached its end of life in April 2026); Debian slim,
# because sharp's prebuilt binaries need glibc.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
# Dependencies first, so a source change reuses this layer. postinstall (scripts/apply-patches.cjs)
# applies the patches, and refuses an install without them.
COPY package.json package-lock.json ./
COPY packages/scanner/package.json packages/scanner/
COPY src/graphql/jit/patches src/graphql/jit/patches
COPY scripts/apply-patches.cjs scripts/
RUN npm ci --no-audit --no-fund
COPY . .
# The same script CI's production-install check runs (scripts/check-production-install.sh).
RUN npm run build && scripts/install-production.sh /app

FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    PORT=4000 \
    METRICS_PORT=9464
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 4000 9464
STOPSIGNAL SIGTERM
# node itself is PID 1's child of nothing: it gets SIGTERM directly (npm start would swallow
# it), with the V8 flag `npm start` gives (docs/performance.md).
CMD ["node", "--no-allocation-site-pretenuring", "dist/src/main.js"]
