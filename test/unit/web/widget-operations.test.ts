import { readFileSync } from "node:fs";
import { join } from "node:path";

import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse, validate } from "graphql";

import * as operations from "../../../web/widget/operations";

/** The widget's operations are plain strings (no GraphQL client in 15 KB): each must stay valid
 * against the schema the service serves (the emitted, committed SDL). */
describe("the widget's GraphQL operations", () => {
  const schema = buildSubgraphSchema(
    parse(readFileSync(join(__dirname, "../../../schema/schema.graphql"), "utf8")),
  );

  it.each(["GENERATE", "STATUS", "STATUS_CHANGED", "EXCHANGE"] as const)(
    "%s validates against schema/schema.graphql",
    (name) => {
      expect(validate(schema, parse(operations[name]))).toEqual([]);
    },
  );
});
