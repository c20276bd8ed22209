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
  const allowed = new Set(applications.flatMap((app) => app.allowedOrigins));
  await http.register(cors, {
    origin: (origin, callback) =>
      callback(null, anyOrigin || (origin !== undefined && allowed.has(origin))),
    methods: ["GET", "POST"],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: ["x-request-id", "retry-after"],
    credentials: false,
    maxAge: 600,
  });
}
