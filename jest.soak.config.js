// The soak test: minutes long, so not in `npm test`; CI runs it with `npm run soak`.
const base = require("./jest.config");

/** @type {import('jest').Config} */
module.exports = { ...base, testMatch: ["**/*.soak.ts"], testTimeout: 300000 };
