/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest"],
    // ESM-only (a dependency of @fastify/static): Node 20.19 requires it natively, jest cannot.
    "/node_modules/content-disposition/.+\\.js$": ["@swc/jest"],
  },
  transformIgnorePatterns: ["/node_modules/(?!content-disposition/)"],
  // The scanner client package is tested from its source, as it is built (packages/scanner).
  moduleNameMapper: { "^@qr-login-gateway/scanner$": "<rootDir>/packages/scanner/src/index.ts" },
  setupFiles: ["reflect-metadata"],
  testTimeout: 20000,
  globalSetup: "<rootDir>/test/global-setup.js",
};
