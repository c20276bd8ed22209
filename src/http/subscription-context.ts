import { type FastifyBaseLogger } from "fastify";

import { type GraphQLContext, type SchemaServices } from "../graphql/context";
import { type Caller } from "../qrcode/caller";
import { type ApplicationDirectory, resolveCaller } from "../qrcode/resolve-caller";
import { type UpgradeInfo } from "./graphql-ws-socket";
import { requestOrigin } from "./request-caller";

/** Subscriptions carry no Authorization header: one empty value serves them all. */
const NO_CREDENTIALS = Object.freeze({});

/**
 * A subscription's context. A class, where an object literal with a getter and two closures
 * would do the same: every waiting login page holds one, and a class instance keeps a fixed
 * shape, its methods shared on the prototype. Tenancy and the logger are made on first use:
 * most idle subscriptions never log, and tenancy's errors take GraphQL's ordinary error path.
 */
export class SubscriptionContext implements GraphQLContext {
  readonly credentials = NO_CREDENTIALS;
  readonly fromGateway = false;
  readonly clientIp: string | undefined;
  private resolvedCaller: Caller | undefined;
  private childLogger: FastifyBaseLogger | undefined;

  constructor(
    readonly requestId: string,
    readonly services: SchemaServices,
    private readonly upgrade: UpgradeInfo,
    private readonly appId: string | undefined,
    private readonly applications: ApplicationDirectory,
    private readonly log: FastifyBaseLogger,
  ) {
    this.clientIp = upgrade.clientIp;
  }

  get logger(): FastifyBaseLogger {
    return (this.childLogger ??= this.log.child({ requestId: this.requestId }));
  }

  caller(): Caller {
    return (this.resolvedCaller ??= resolveCaller(
      this.applications,
      this.appId,
      requestOrigin(this.upgrade.headers, this.upgrade.clientIp),
    ));
  }
}
