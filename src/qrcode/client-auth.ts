import { createHash, timingSafeEqual } from "node:crypto";

import { type Application } from "./application";

/** A confidential application's proof, from HTTP Basic or a request parameter. */
export interface ClientCredentials {
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** The secret form-decoded, when that differs (RFC 6749 §2.3.1 encodes Basic credentials;
   * some clients do not): either may match. */
  readonly formDecodedSecret?: string;
}

/** Whether the caller proved it is the application: always for a public one (no secret);
 * for a confidential one, its secret, and its id when given. */
export function clientAuthenticated(app: Application, credentials: ClientCredentials): boolean {
  if (app.clientSecret === undefined) {
    return true;
  }
  return (
    secretMatches(credentials, app.clientSecret) &&
    (credentials.clientId === undefined || credentials.clientId === app.appId)
  );
}

/** The given secret, as sent or form-decoded, is the expected one. */
export function secretMatches(credentials: ClientCredentials, expected: string): boolean {
  const { clientSecret, formDecodedSecret } = credentials;
  return (
    (clientSecret !== undefined && sameSecret(clientSecret, expected)) ||
    (formDecodedSecret !== undefined && sameSecret(formDecodedSecret, expected))
  );
}

/** Compares digests, so neither the length nor the content leaks through timing. */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
