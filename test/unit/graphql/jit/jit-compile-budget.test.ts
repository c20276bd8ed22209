import { ApolloServer } from "@apollo/server";
import { buildSchema } from "graphql";
import { compileQuery } from "graphql-jit";

import { jitGateway, type JitOptions } from "../../../../src/graphql/jit/jit-executor";
import { ManualClock } from "../../../support/manual-clock";

jest.mock("graphql-jit", () => {
  const actual = jest.requireActual<typeof import("graphql-jit")>("graphql-jit");
  return { ...actual, compileQuery: jest.fn(actual.compileQuery) };
});
const compilations = compileQuery as jest.MockedFunction<typeof compileQuery>;

const schema = buildSchema("type Query { echo(text: String!): String! }");
const echoField = schema.getQueryType()?.getFields().echo;
if (echoField) {
  echoField.resolve = (_source, { text }: { text: string }) => text;
}

async function serve(options: JitOptions): Promise<ApolloServer> {
  const server = new ApolloServer({ gateway: jitGateway(schema, options) });
  await server.start();
  return server;
}

async function echo(server: ApolloServer, text: string): Promise<unknown> {
  // A new text is a new operation: each has its own compiled plan.
  const response = await server.executeOperation({ query: `{ echo(text: "${text}") }` });
  return response.body.kind === "single" ? response.body.singleResult.data : undefined;
}

describe("when graphql-jit compiles", () => {
  let server: ApolloServer;

  beforeEach(() => compilations.mockClear());
  afterEach(() => server.stop());

  it("compiles an operation on its second run, once", async () => {
    server = await serve({});

    for (let run = 0; run < 4; run++) {
      expect(await echo(server, "hello")).toEqual({ echo: "hello" });
    }

    expect(compilations).toHaveBeenCalledTimes(1);
  });

  it("compiles at most compilesPerSecond new operations a second; the rest run on graphql-js, alike", async () => {
    const clock = new ManualClock();
    server = await serve({ runsBeforeCompiling: 0, compilesPerSecond: 2, clock });

    const answers = [];
    for (const text of ["a", "b", "c", "d"]) {
      answers.push(await echo(server, text));
    }
    expect(compilations).toHaveBeenCalledTimes(2);
    expect(answers).toEqual([{ echo: "a" }, { echo: "b" }, { echo: "c" }, { echo: "d" }]);

    clock.advance(1000);
    expect(await echo(server, "c")).toEqual({ echo: "c" });
    expect(compilations).toHaveBeenCalledTimes(3);
  });
});
