import { buildSubgraphSchema } from "@apollo/subgraph";
import { type GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { graphql, type GraphQLSchema } from "graphql";
import gql from "graphql-tag";
import {
  Arg,
  buildSchema,
  createResolversMap,
  Ctx,
  Field,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
} from "type-graphql";

import {
  type ResolverMap,
  usePlainObjectFields,
  usePlainRootResolvers,
} from "../../../../src/graphql/jit/plain-resolvers";

@InputType()
class EchoInput {
  @Field(() => String)
  text!: string;
}

@ObjectType()
class Echo {
  @Field(() => String)
  text!: string;

  @Field(() => String)
  seenBy!: string;
}

@Resolver()
class EchoResolver {
  @Query(() => Echo)
  echo(
    @Arg("input", () => EchoInput, { validate: false }) input: EchoInput,
    @Ctx() ctx: { user: string },
  ): Echo {
    return { text: input.text, seenBy: ctx.user };
  }

  @Query(() => String, { description: "validated by type-graphql, so it keeps its wrapper" })
  inputKind(@Arg("input", () => EchoInput) input: EchoInput): string {
    return input instanceof EchoInput ? "instance" : "plain object";
  }

  @Mutation(() => String)
  shout(
    @Arg("text", () => String) text: string,
    @Arg("times", () => Number) times: number,
  ): string {
    return text.toUpperCase().repeat(times);
  }
}

async function build(): Promise<{
  map: ResolverMap;
  original: ResolverMap;
  schema: GraphQLSchema;
}> {
  const typeGraphQLSchema = await buildSchema({ resolvers: [EchoResolver] });
  const original = createResolversMap(typeGraphQLSchema) as ResolverMap;
  const map = createResolversMap(typeGraphQLSchema) as ResolverMap;
  usePlainRootResolvers(map, new Map([[EchoResolver, new EchoResolver()]]));
  usePlainObjectFields(map, typeGraphQLSchema);
  const schema = buildSubgraphSchema({
    typeDefs: gql(printSchemaWithDirectives(typeGraphQLSchema)),
    resolvers: map as GraphQLResolverMap<unknown>,
  });
  return { map, original, schema };
}

describe("plain resolvers", () => {
  it("calls a method with plain @Arg and @Ctx parameters directly, with the coerced arguments and the context", async () => {
    const { map, original, schema } = await build();

    const result = await graphql({
      schema,
      source: '{ echo(input: { text: "hi" }) { text seenBy } }',
      contextValue: { user: "alice" },
    });

    expect(result).toEqual({ data: { echo: { text: "hi", seenBy: "alice" } } });
    expect(map.Query?.echo).not.toBe(original.Query?.echo);
  });

  it("calls scalar-argument mutations directly, arguments in declaration order", async () => {
    const { map, original, schema } = await build();

    const result = await graphql({ schema, source: 'mutation { shout(text: "ab", times: 2) }' });

    expect(result).toEqual({ data: { shout: "ABAB" } });
    expect(map.Mutation?.shout).not.toBe(original.Mutation?.shout);
  });

  it("keeps type-graphql's wrapper where it validates an input object", async () => {
    const { map, original, schema } = await build();

    const result = await graphql({ schema, source: '{ inputKind(input: { text: "hi" }) }' });

    expect(result).toEqual({ data: { inputKind: "instance" } });
    expect(map.Query?.inputKind).toBe(original.Query?.inputKind);
  });

  it("drops the pass-through object field resolvers when nothing in the schema uses middleware", async () => {
    const { map, original } = await build();

    expect(typeof original.Echo?.text).toBe("function");
    expect(map.Echo).toEqual({});
  });
});
