import { type Application } from "./application";
import { type ClientCredentials } from "./client-auth";
import { type RequestOrigin } from "./qrcode.types";

/** Who is asking: the application (from `x-app-id`) and what its browser said of itself. */
export interface Caller {
  readonly app: Application;
  readonly request: RequestOrigin;
}

/** What a caller presents (HTTP carries it in `Authorization`): the scanner's bearer token, or a confidential
 * application's client credentials (HTTP Basic, RFC 7617) for the ticket exchange. */
export interface RequestCredentials {
  readonly bearerToken?: string;
  readonly basic?: ClientCredentials & { readonly clientId: string; readonly clientSecret: string };
}
