import { type GraphQLSchema } from "graphql";

import { assertThat } from "../../errors/app-error";

/** A gateway asks for the entities one query plan needs; more than this is a scrape. */
export const MAX_ENTITIES_PER_REQUEST = 100;

/** Bounds `_entities` and refuses malformed representations with a coded error. */
export function capEntities(schema: GraphQLSchema): GraphQLSchema {
  const field = schema.getQueryType()?.getFields()._entities;
  const resolve = field?.resolve;
  if (field && resolve) {
    field.resolve = (root, args: { representations: readonly unknown[] }, ctx, info) => {
      assertThat(
        args.representations.length <= MAX_ENTITIES_PER_REQUEST,
        "INVALID_INPUT",
        `_entities takes at most ${MAX_ENTITIES_PER_REQUEST} representations a request`,
        { field: "representations", limit: MAX_ENTITIES_PER_REQUEST },
      );
      // @apollo/subgraph throws a plain Error for these, which would read as an internal fault.
      assertThat(
        args.representations.every(
          (item) =>
            typeof item === "object" &&
            item !== null &&
            typeof (item as { __typename?: unknown }).__typename === "string",
        ),
        "INVALID_INPUT",
        "every representation must be an object with a __typename",
        { field: "representations" },
      );
      return resolve(root, args, ctx, info);
    };
  }
  return schema;
}
