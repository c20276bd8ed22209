import cors from "@fastify/cors";
import { type FastifyInstance } from "fastify";

import { type Application } from "../qrcode/application";

/** What a login page on another origin may send: tenancy, JSON, the scanner's token, and the
 * header Apollo Client adds to pass CSRF prevention. */
const ALLOWED_HEADERS = [
  "content-type",
  "x-app-id",
  "authorization",
  "apollo-require-preflight",
  "x-apollo-operation-name",
  "x-request-id",
  // What the Authing SDKs send, in a browser too (the REST facade).
  "x-authing-app-id",
  "x-authing-userpool-id",
  "x-authing-app-tenant-id",
  "x-authing-lang",
  "x-authing-request-from",
  "x-authing-sdk-version",
];

/**
 * CORS for every route (GraphQL, images, JWKS). A preflight does not carry the value of
 * `x-app-id`, so it allows the union of the applications' origins; the real request is then
 * checked against its own application's `allowedOrigins` (ORIGIN_NOT_ALLOWED). No cookies are
 * used, so credentials stay off.
 */
export async function registerCors(
  http: FastifyInstance,
  applications: readonly Application[],
): Promise<void> {
  const anyOrigin = applications.some((app) => app.allowedOrigins.includes("*"));
  // Static values rather than a callback: the plugin runs on every request, and with a fixed
  // "*" or a list it does the least work.
  await http.register(cors, {
    origin: anyOrigin ? "*" : [...new Set(applications.flatMap((app) => app.allowedOrigins))],
    methods: "GET, POST",
    allowedHeaders: ALLOWED_HEADERS.join(", "),
    exposedHeaders: "x-request-id, retry-after",
    credentials: false,
    maxAge: 600,
  });
}
