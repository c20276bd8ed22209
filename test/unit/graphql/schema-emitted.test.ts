import "reflect-metadata";

import { readFileSync } from "node:fs";
import { join } from "node:path";

import { subgraphSdl } from "../../../src/graphql/subgraph-sdl";

describe("schema/schema.graphql", () => {
  it("is the SDL the code emits now (run `npm run schema:emit` when this fails)", async () => {
    const committed = readFileSync(join(__dirname, "../../../schema/schema.graphql"), "utf8");

    expect(committed).toBe(await subgraphSdl());
  });
});
