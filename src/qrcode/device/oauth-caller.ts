import { assertThat } from "../../errors/app-error";
import { type Caller } from "../caller";
import { clientAuthenticated, type ClientCredentials } from "../client-auth";
import { type RequestOrigin } from "../qrcode.types";
import { type ApplicationDirectory, resolveCaller } from "../resolve-caller";

/** The application an OAuth request comes from (`client_id` is its appId), authenticated when
 * it is confidential. */
export function oauthCaller(
  applications: ApplicationDirectory,
  clientId: string | undefined,
  credentials: ClientCredentials,
  request: RequestOrigin,
): Caller {
  const caller = resolveCaller(applications, clientId, request, "client_id");
  assertThat(
    clientAuthenticated(caller.app, credentials),
    "CLIENT_AUTH_FAILED",
    `client ${caller.app.appId} is confidential: authenticate with its client secret`,
    { field: "client_secret" },
  );
  return caller;
}
