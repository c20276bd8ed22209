import "reflect-metadata";

import { writeFileSync } from "node:fs";
import { join } from "node:path";

import { subgraphSdl } from "../src/graphql/subgraph-sdl";

/** Writes the subgraph SDL to schema/schema.graphql (run by `npm run schema:emit`). */
async function emit(): Promise<void> {
  const target = join(__dirname, "..", "..", "schema", "schema.graphql");
  writeFileSync(target, await subgraphSdl());
  process.stdout.write(`wrote ${target}\n`);
}

void emit();
