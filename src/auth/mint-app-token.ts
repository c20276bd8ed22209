import { SignJWT } from "jose";

/** What the company's app back end would put in its users' tokens. */
export interface AppTokenClaims {
  readonly sub: string;
  readonly name?: string;
  readonly picture?: string;
}

export interface AppTokenSigner {
  readonly issuer: string;
  readonly audience: string;
  readonly secret: string;
}

/**
 * Signs an HS256 app-user token, as a company's app back end does. The service never calls
 * this: it serves `npm run demo:token` (playing the mobile app from a shell) and the tests.
 */
export function mintAppToken(
  signer: AppTokenSigner,
  claims: AppTokenClaims,
  lifetimeSeconds = 3600,
  now = Date.now(),
): Promise<string> {
  const issuedAt = Math.floor(now / 1000);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(signer.issuer)
    .setAudience(signer.audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + lifetimeSeconds)
    .sign(new TextEncoder().encode(signer.secret));
}
