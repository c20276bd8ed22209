import { measureLogins } from "./logins";

/**
 * One load generator process: `node dist/bench/login-load.js SECONDS CONCURRENCY ENDPOINT...`
 * prints its logins/s as JSON. Separate processes let each core carry its own load.
 */
async function main(): Promise<void> {
  const [seconds, concurrency, ...endpoints] = process.argv.slice(2);
  const rate = await measureLogins(endpoints, Number(seconds), Number(concurrency));
  process.stdout.write(`${JSON.stringify(rate)}\n`);
}

void main();
