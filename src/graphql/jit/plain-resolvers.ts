import { type GraphQLFieldResolver, GraphQLObjectType, type GraphQLSchema } from "graphql";
import { getMetadataStorage } from "type-graphql";

import { type GraphQLContext } from "../context";
import { type ResolverMap } from "../federation/build-federated-schema";

type Resolver = GraphQLFieldResolver<unknown, GraphQLContext>;
type ArgReader = (args: Record<string, unknown>, context: GraphQLContext) => unknown;
type MetadataStorage = ReturnType<typeof getMetadataStorage>;
/** type-graphql keeps this type internal; it is what its storage holds for a query or mutation. */
type ResolverMetadata = MetadataStorage["queries"][number];
type ParamMetadata = NonNullable<ResolverMetadata["params"]>[number];
export { type ResolverMap } from "../federation/build-federated-schema";

const ROOT_TYPES = new Set(["Query", "Mutation", "Subscription"]);
/** Args of these types are never validated by type-graphql (it validates objects only). */
const UNVALIDATED_ARG_TYPES = new Set<unknown>([String, Number, Boolean]);

/**
 * Calls resolver methods directly, with graphql-js's coerced arguments, wherever type-graphql's
 * own wrapper would add nothing. That wrapper turns each input into a class instance and awaits
 * an asynchronous validation step per argument even when validation is off; on generateQRCode,
 * the busiest call of a login page, it was 12 % of the instructions of a whole request
 * (callgrind). Inputs here carry no class-validator rules (the domain checks every rule), so a
 * method whose parameters are `@Arg`s with validation off, scalar `@Arg`s and `@Ctx()`, and that
 * has no middleware or authorization, gets the direct call; any other keeps type-graphql's.
 */
export function usePlainRootResolvers(
  resolverMap: ResolverMap,
  instances: ReadonlyMap<unknown, object>,
): void {
  const storage = getMetadataStorage();
  const roots: [string, ResolverMetadata[]][] = [
    ["Query", storage.queries],
    ["Mutation", storage.mutations],
  ];
  for (const [typeName, resolvers] of roots) {
    const fields = resolverMap[typeName];
    for (const metadata of resolvers) {
      const instance = instances.get(metadata.target);
      const plain = instance && plainRootResolver(metadata, instance);
      if (fields && plain && metadata.schemaName in fields) {
        fields[metadata.schemaName] = plain;
      }
    }
  }
}

/**
 * type-graphql also gives every object field a resolver whose only work is running middlewares
 * (`root[field]` otherwise). With no middleware, authorization or field resolver anywhere in
 * the schema, graphql-js's default resolver does the same with one call less per field.
 */
export function usePlainObjectFields(resolverMap: ResolverMap, schema: GraphQLSchema): void {
  const storage = getMetadataStorage();
  const wrapped =
    storage.middlewares.length +
    storage.resolverMiddlewares.length +
    storage.authorizedFields.length +
    storage.authorizedResolver.length +
    storage.fieldResolvers.length;
  if (wrapped > 0) {
    return;
  }
  for (const [typeName, fields] of Object.entries(resolverMap)) {
    if (ROOT_TYPES.has(typeName) || !(schema.getType(typeName) instanceof GraphQLObjectType)) {
      continue;
    }
    resolverMap[typeName] = Object.fromEntries(
      Object.entries(fields).filter(
        ([fieldName, value]) => typeof value !== "function" || fieldName.startsWith("__"),
      ),
    );
  }
}

function plainRootResolver(metadata: ResolverMetadata, instance: object): Resolver | undefined {
  if ((metadata.middlewares?.length ?? 0) > 0 || metadata.roles !== undefined) {
    return undefined;
  }
  const params = [...(metadata.params ?? [])].sort((a, b) => a.index - b.index);
  const readers = params.map(argReader);
  if (readers.some((reader) => reader === undefined)) {
    return undefined;
  }
  const method = (instance as Record<string, unknown>)[metadata.methodName];
  if (typeof method !== "function") {
    return undefined;
  }
  const read = readers as ArgReader[];
  return (_root, args, context) =>
    (method as (...params: unknown[]) => unknown).apply(
      instance,
      read.map((reader) => reader(args, context)),
    );
}

function argReader(param: ParamMetadata): ArgReader | undefined {
  if (param.kind === "context" && param.propertyName === undefined) {
    return (_args, context) => context;
  }
  if (
    param.kind === "arg" &&
    (param.validateSettings === false || UNVALIDATED_ARG_TYPES.has(param.getType()))
  ) {
    const { name } = param;
    return (args) => args[name];
  }
  return undefined;
}
