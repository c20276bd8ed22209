import { parseArgs } from "node:util";

import { mintAppToken } from "../src/auth/mint-app-token";
import { DEMO_APP_TOKENS } from "../src/config/demo-application";

/**
 * Prints a token of the demo application's mobile app, so a newcomer can scan and confirm from
 * a shell: npm run demo:token -- --sub alice [--name Alice] [--picture URL] [--ttl 3600]
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sub: { type: "string" },
      name: { type: "string" },
      picture: { type: "string" },
      ttl: { type: "string", default: "3600" },
    },
  });
  if (!values.sub) {
    process.stderr.write(
      "usage: npm run demo:token -- --sub alice [--name Alice] [--picture URL]\n",
    );
    process.exitCode = 2;
    return;
  }
  const token = await mintAppToken(
    DEMO_APP_TOKENS,
    { sub: values.sub, name: values.name, picture: values.picture },
    Number(values.ttl),
  );
  process.stdout.write(`${token}\n`);
}

void main();
