import { type BaseLogger } from "pino";

/** The request's logger (its bindings carry the request id). */
export type RequestLogger = Pick<
  BaseLogger,
  "fatal" | "error" | "warn" | "info" | "debug" | "trace"
>;

import { type RequestCredentials } from "../qrcode/caller";
import { type Caller } from "../qrcode/caller";
import { type QRCodeService } from "../qrcode/qrcode.service";
import { type ScannerService } from "../qrcode/scanner.service";
import { type StatusService } from "../qrcode/status.service";
import { type TicketService } from "../qrcode/ticket.service";

/** The domain services the schema's resolvers call. */
export interface SchemaServices {
  readonly qrcodes: QRCodeService;
  readonly scanner: ScannerService;
  readonly statuses: StatusService;
  readonly tickets: TicketService;
}

/** Per-request values a resolver may use. `caller()` resolves tenancy lazily, so its errors
 * flow through the ordinary error path (and `_service` needs no application). */
export interface GraphQLContext {
  readonly requestId: string;
  readonly logger: RequestLogger;
  caller(): Caller;
  /** The client's address (by the proxy rule), for limits that need no application. */
  readonly clientIp: string | undefined;
  /** From the `Authorization` header; empty on WebSocket subscriptions. */
  readonly credentials: RequestCredentials;
  /** The federation gateway, proven by its shared secret: entity lookups are not paced. */
  readonly fromGateway: boolean;
  /** For resolvers that are functions rather than methods: the subscription's `subscribe`
   * and the entity reference. */
  readonly services: SchemaServices;
}
