import {
  type GatewayExecutor,
  type GatewayGraphQLRequestContext,
  type GatewayInterface,
} from "@apollo/server-gateway-interface";
import {
  execute,
  type ExecutionResult,
  GraphQLError,
  type GraphQLSchema,
  printSchema,
  type SourceLocation,
} from "graphql";
import { type CompiledQuery, compileQuery, isCompiledQuery } from "graphql-jit";
import { LRUCache } from "lru-cache";

import { type Clock, systemClock } from "../../qrcode/clock";

/** Compiled operations kept: an application sends a handful; the bound is against floods. */
const MAX_COMPILED = 500;

/** `compiled: null`: graphql-jit declined it; graphql-js runs it from then on. */
type Plan = { runs: number; compiled?: CompiledQuery | null };

export interface JitOptions {
  /** Executions an operation gets from graphql-js before it is compiled. One by default, so
   * that one-off operations (Sandbox's introspection, a developer's tries) never pay for a
   * compilation; `Infinity` never compiles (the differential test's reference). */
  readonly runsBeforeCompiling?: number;
  /**
   * New compilations a second, at most. Compiling costs 0.3 ms for generateQRCode's operation
   * but 7 ms for Sandbox's introspection query, so a client sending ever new operations twice
   * each could otherwise make the server compile without end; past the budget an operation
   * runs on graphql-js and is compiled on a later run. An application's handful of operations
   * fits in the first second.
   */
  readonly compilesPerSecond?: number;
  /** Time for the compile budget; tests pass their own. */
  readonly clock?: Clock;
}

/**
 * Executes operations with graphql-jit, which compiles an operation once into a function, in
 * place of graphql-js's execution, which interprets the document on every request. On the
 * generateQRCode request that halves the time spent in GraphQL (docs/performance.md).
 *
 * Apollo Server 5 has no executor option; its migration guide names the `gateway` hook for
 * this, so the hook serves a fixed schema and this executor. Parsing, validation, query limits,
 * plugins and error formatting stay Apollo's and graphql-js's.
 *
 * Answers stay graphql-js's where they could differ: an operation that fails before execution
 * (variables that do not coerce, an unknown operation) is re-run by graphql-js, which resolves
 * nothing either and reports it in its own words; field errors are rebuilt as graphql-js errors.
 */
export function jitGateway(
  schema: GraphQLSchema,
  { runsBeforeCompiling = 1, compilesPerSecond = 20, clock = systemClock }: JitOptions = {},
): GatewayInterface {
  const plans = new LRUCache<string, Plan>({ max: MAX_COMPILED });
  const budget = { second: 0, left: compilesPerSecond };
  const mayCompile = (): boolean => {
    const second = Math.floor(clock.now() / 1000);
    if (second !== budget.second) {
      budget.second = second;
      budget.left = compilesPerSecond;
    }
    return budget.left-- > 0;
  };

  const executor: GatewayExecutor = async (requestContext) => {
    const { operationName } = requestContext.request;
    const key = `${operationName ?? ""}:${requestContext.queryHash}`;
    let plan = plans.get(key);
    if (!plan) {
      plan = { runs: 0 };
      plans.set(key, plan);
    }
    if (plan.compiled === undefined && plan.runs++ >= runsBeforeCompiling && mayCompile()) {
      const compiled = compileQuery(schema, requestContext.document, operationName);
      plan.compiled = isCompiledQuery(compiled) ? compiled : null;
    }
    if (!plan.compiled) {
      return runGraphQLJs(schema, requestContext);
    }
    const result = await plan.compiled.query(
      undefined,
      requestContext.context,
      requestContext.request.variables ?? {},
    );
    if (result.data === undefined) {
      return runGraphQLJs(schema, requestContext);
    }
    // graphql-js puts errors first, as the spec suggests, so the two answer byte for byte alike.
    return result.errors
      ? { errors: result.errors.map(asGraphQLJsError), data: result.data }
      : result;
  };

  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    load: async () => ({ executor }),
    stop: async () => undefined,
  };
}

function runGraphQLJs(
  schema: GraphQLSchema,
  requestContext: GatewayGraphQLRequestContext,
): Promise<ExecutionResult> {
  return Promise.resolve(
    execute({
      schema,
      document: requestContext.document,
      contextValue: requestContext.context,
      variableValues: requestContext.request.variables,
      operationName: requestContext.request.operationName,
    }),
  );
}

/**
 * graphql-jit's errors omit `extensions` when the thrown error has none, and Apollo's error
 * formatting reads `extensions.code` from every error; graphql-js always sets an object.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const rebuilt = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions,
  });
  // graphql-js derives locations from AST nodes, which graphql-jit does not keep.
  (rebuilt as { locations?: readonly SourceLocation[] }).locations = error.locations;
  return rebuilt;
}
