import "reflect-metadata";

import { readFileSync } from "node:fs";
import { join } from "node:path";

import { buildSchema, parse, validate } from "graphql";

import { clientSdl } from "../../../src/graphql/client-sdl";
import { subgraphSdl } from "../../../src/graphql/subgraph-sdl";

const SCHEMA_DIR = join(__dirname, "../../../schema");

describe("schema/schema.graphql", () => {
  it("is the SDL the code emits now (run `npm run schema:emit` when this fails)", async () => {
    const committed = readFileSync(join(SCHEMA_DIR, "schema.graphql"), "utf8");

    expect(committed).toBe(await subgraphSdl());
  });
});

describe("schema/client-schema.graphqls (what Apollo iOS and Apollo Kotlin generate from)", () => {
  const committed = readFileSync(join(SCHEMA_DIR, "client-schema.graphqls"), "utf8");

  it("is the client SDL the code emits now (run `npm run schema:emit` when this fails)", async () => {
    expect(committed).toBe(await clientSdl());
  });

  it("is plain GraphQL, without federation's directives or fields, and the scanner's operations validate against it", () => {
    const schema = buildSchema(committed);
    const scanner = parse(readFileSync(join(SCHEMA_DIR, "operations/scanner.graphql"), "utf8"));

    expect(committed).not.toMatch(/@key|@link|_service|_entities|_Any/);
    expect(validate(schema, scanner)).toEqual([]);
  });
});
