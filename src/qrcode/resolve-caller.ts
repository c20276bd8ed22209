import { AppError, assertThat } from "../errors/app-error";
import { type Application } from "./application";
import { type Caller } from "./caller";
import { type RequestOrigin } from "./qrcode.types";

/** The applications by id, looked up on every request. */
export type ApplicationDirectory = ReadonlyMap<string, Application>;

export function applicationDirectory(applications: readonly Application[]): ApplicationDirectory {
  return new Map(applications.map((app) => [app.appId, app]));
}

/**
 * Tenancy: the `x-app-id` header (the REST facade: `x-authing-app-id`) names the application, and a browser's `Origin` must be one the
 * application allows (requests without an Origin come from servers and tools, not pages).
 */
export function resolveCaller(
  directory: ApplicationDirectory,
  appId: string | undefined,
  request: RequestOrigin,
  appIdHeader = "x-app-id",
): Caller {
  assertThat(
    appId,
    "APP_ID_REQUIRED",
    `the ${appIdHeader} header is required and names your application`,
    { field: appIdHeader },
  );
  const app = directory.get(appId);
  if (!app) {
    throw new AppError("APP_NOT_FOUND", `no application has the id given in ${appIdHeader}`, {
      field: appIdHeader,
    });
  }
  const { origin } = request;
  assertThat(
    origin === undefined || isOrigin(origin),
    "INVALID_INPUT",
    `the Origin header must be an origin (scheme://host[:port], at most ${MAX_ORIGIN_CHARS} characters) or "null"`,
    { field: "origin" },
  );
  assertThat(
    origin === undefined || app.allowedOrigins.includes("*") || app.allowedOrigins.includes(origin),
    "ORIGIN_NOT_ALLOWED",
    `origin ${origin} is not allowed for application ${app.appId}`,
    { field: "origin" },
  );
  return { app, request };
}

/** Long enough for any DNS name (253) with scheme and port; a code keeps what it is given. */
const MAX_ORIGIN_CHARS = 300;

/** What browsers send: "null" (opaque origins), or an http(s) origin in its serialized form. */
function isOrigin(value: string): boolean {
  if (value === "null") {
    return true;
  }
  if (value.length > MAX_ORIGIN_CHARS || !/^https?:\/\//.test(value)) {
    return false;
  }
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}
