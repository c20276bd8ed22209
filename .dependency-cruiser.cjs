// Layering as an allow-list (`npm run lint` runs it): each folder of src/ names what it may
// import, and anything else is an error, so a new folder or a new edge is a decision, not an
// accident. Dependencies point inward: the domain (qrcode/) sees only its own ports and the
// error table; adapters (store, wechat, auth, hooks, imaging, metrics) implement its ports;
// the API layers (graphql, http) call it; the composition root (src/*.ts) wires everything.
"use strict";

/** What every folder may use: the error table, and pino's logger type. */
const everywhere = ["^src/errors/", "^(node_modules/)?pino(/|$)"];

/** Folder → the src/ folders and npm packages it may import (besides itself). */
const layers = {
  errors: { src: [], npm: [] },
  qrcode: { src: [], npm: ["bowser", "ipaddr.js", "lru-cache", "qrcode", "zod"] },
  config: { src: ["qrcode"], npm: ["yaml", "zod"] },
  metrics: { src: ["qrcode"], npm: ["prom-client"] },
  auth: { src: ["qrcode", "config"], npm: ["jose"] },
  hooks: { src: ["qrcode"], npm: ["zod"] },
  imaging: { src: ["qrcode"], npm: ["lru-cache", "sharp"] },
  store: { src: ["qrcode", "config", "metrics"], npm: ["ioredis", "rate-limiter-flexible"] },
  wechat: { src: ["qrcode", "metrics"], npm: ["fast-xml-parser", "undici"] },
  graphql: {
    src: ["qrcode", "metrics"],
    npm: [
      "@apollo/server",
      "@apollo/subgraph",
      "@apollo/server-gateway-interface",
      "@escape.tech/graphql-armor",
      "@graphql-tools/utils",
      "graphql",
      "graphql-jit",
      "class-validator",
      "graphql-scalars",
      "lru-cache",
      "type-graphql",
    ],
  },
  http: {
    src: ["qrcode", "graphql", "metrics", "config", "auth", "wechat"],
    npm: [
      "@apollo/server",
      "@fastify/cors",
      "@fastify/formbody",
      "@fastify/proxy-addr",
      "@fastify/static",
      "@fastify/swagger",
      "fastify",
      "graphql",
      "graphql-ws",
      "lru-cache",
      "ws",
    ],
  },
};

// The allow-list itself has no folder cycle: a folder may not reach back to itself.
for (const start of Object.keys(layers)) {
  const seen = new Set();
  const visit = (folder) => {
    for (const next of layers[folder]?.src ?? []) {
      if (next === start) {
        throw new Error(`.dependency-cruiser.cjs: the layers form a cycle through ${start}`);
      }
      if (!seen.has(next)) {
        seen.add(next);
        visit(next);
      }
    }
  };
  visit(start);
}

const escape = (name) => name.replace(/[.]/g, "\\.");
/** A package, resolved into node_modules or (a types-only package) left by its bare name. */
const npmPath = (names) => `^(node_modules/)?(${names.map(escape).join("|")})(/|$)`;

module.exports = {
  allowedSeverity: "error",
  allowed: [
    // Node's own modules, type-only packages, and everything below for the root, scripts,
    // tests and the bench.
    { from: {}, to: { dependencyTypes: ["core"] } },
    { from: { path: "^(src/[^/]+\\.ts|scripts|bench|test)" }, to: {} },
    {
      from: { path: "^src/__generated__/" },
      to: { path: npmPath(["@graphql-typed-document-node/core"]) },
    },
    ...Object.entries(layers).map(([folder, allowed]) => ({
      from: { path: `^src/${folder}/` },
      to: {
        path: [
          `^src/${folder}/`,
          ...everywhere,
          ...allowed.src.map((name) => `^src/${name}/`),
        ].concat(allowed.npm.length > 0 ? [npmPath(allowed.npm)] : []),
      },
    })),
    // The browser code: the widget is dependency-light; the demo and the explorer take theirs.
    { from: { path: "^web/widget/" }, to: { path: ["^web/widget/", npmPath(["graphql-ws"])] } },
    {
      // The demo app is built on the scanner client, as the company's app would be.
      from: { path: "^web/demo/" },
      to: { path: ["^web/demo/", "^/widget/", "^packages/scanner/src/", npmPath(["jose"])] },
    },
    {
      // The scanner client runs on a phone: itself, and the types of its typed documents.
      from: { path: "^packages/scanner/" },
      to: { path: ["^packages/scanner/", npmPath(["@graphql-typed-document-node/core"])] },
    },
    {
      from: { path: "^web/explorer/" },
      to: {
        path: ["^web/explorer/", npmPath(["@graphiql/toolkit", "graphiql", "react", "react-dom"])],
      },
    },
  ],
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "A cycle between modules: one of them belongs elsewhere.",
      from: { path: "^(src|web)/" },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "^(dist|coverage)/" },
  },
};
