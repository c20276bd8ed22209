import {
  type ExecutionResult,
  GraphQLInt,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
} from "graphql";

import { leanSubscribe } from "../../../src/graphql/lean-subscribe";

/** A source stream that records whether it was ended. */
function countTo(limit: number) {
  const state = { ended: false };
  async function* numbers() {
    try {
      for (let value = 1; value <= limit; value += 1) {
        yield value;
      }
    } finally {
      state.ended = true;
    }
  }
  return { state, numbers };
}

function schemaOver(source: () => AsyncGenerator<number>) {
  return new GraphQLSchema({
    query: new GraphQLObjectType({ name: "Query", fields: { ok: { type: GraphQLString } } }),
    subscription: new GraphQLObjectType({
      name: "Subscription",
      fields: {
        counted: {
          type: GraphQLInt,
          subscribe: () => source(),
          resolve: (value: number) => {
            if (value === 3) {
              throw new Error("three is refused");
            }
            return value * 10;
          },
        },
      },
    }),
  });
}

async function subscribed(limit: number) {
  const { state, numbers } = countTo(limit);
  const result = await leanSubscribe({
    schema: schemaOver(numbers),
    document: parse("subscription { counted }"),
  });
  return { state, stream: result as AsyncIterableIterator<ExecutionResult> };
}

describe("leanSubscribe: graphql-js's subscribe with one object per subscription", () => {
  it("executes each event with the event as the root value, errors as results, then ends", async () => {
    const { stream } = await subscribed(4);

    const results = [];
    for await (const result of stream) {
      results.push(result);
    }

    expect(results.map((result) => result.data?.counted ?? null)).toEqual([10, 20, null, 40]);
    expect(results[2]?.errors?.[0]?.message).toBe("three is refused");
  });

  it("ends the source stream when the subscriber goes away", async () => {
    const { state, stream } = await subscribed(100);
    await stream.next();

    await stream.return?.();

    expect(state.ended).toBe(true);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it("answers a subscription that cannot start with its errors, not a stream", async () => {
    const result = await leanSubscribe({
      schema: schemaOver(countTo(1).numbers),
      document: parse("subscription { counted } subscription Other { counted }"),
    });

    expect(Symbol.asyncIterator in result).toBe(false);
    expect((result as ExecutionResult).errors?.[0]?.message).toMatch(/operation name/i);
  });
});
