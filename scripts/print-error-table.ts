import { errorTableMarkdown } from "../src/errors/error-table-markdown";

/** Prints docs/errors.md's error table: `npm run build && node dist/scripts/print-error-table.js`. */
process.stdout.write(`${errorTableMarkdown()}\n`);
