import { type GraphQLSchema } from "graphql";

import { assertThat } from "../../errors/app-error";
import { type GraphQLContext } from "../context";

/**
 * With introspection off, `{ _service { sdl } }` would still spell the whole schema out to
 * anyone: it answers only the federation gateway (proven by `x-gateway-secret`) then.
 */
export function guardServiceSdl(schema: GraphQLSchema): GraphQLSchema {
  const field = schema.getQueryType()?.getFields()._service;
  const resolve = field?.resolve;
  if (field && resolve) {
    field.resolve = (root, args, ctx: GraphQLContext, info) => {
      assertThat(
        ctx.fromGateway,
        "SERVICE_SDL_GATEWAY_ONLY",
        "with introspection off, _service answers only the federation gateway (x-gateway-secret)",
      );
      return resolve(root, args, ctx, info);
    };
  }
  return schema;
}
