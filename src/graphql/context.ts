import { type FastifyBaseLogger } from "fastify";

import { type RequestCredentials } from "../http/authorization-header";
import { type Caller } from "../qrcode/caller";

/** Per-request values a resolver may use. `caller()` resolves tenancy lazily, so its errors
 * flow through the ordinary error path (and `_service` needs no application). */
export interface GraphQLContext {
  readonly requestId: string;
  readonly logger: FastifyBaseLogger;
  caller(): Caller;
  /** From the `Authorization` header; empty on WebSocket subscriptions. */
  readonly credentials: RequestCredentials;
  /** The federation gateway, proven by its shared secret: entity lookups are not paced. */
  readonly fromGateway: boolean;
}
