import { SignJWT } from "jose";

import { type Application } from "../qrcode/application";
import { type Clock } from "../qrcode/clock";
import { newTokenId } from "../qrcode/ids";
import { type IssuedTokens, type TokenIssuer } from "../qrcode/ports/token-issuer.port";
import { type JsonObject, type UserRecord } from "../qrcode/qrcode.types";
import { type SigningKey } from "./signing-key";
import { type SigningKeyRing } from "./signing-key-ring";

/** Claims this service sets itself; a login hook's claims never override them. */
const RESERVED_CLAIMS = new Set([
  "iss",
  "sub",
  "aud",
  "exp",
  "nbf",
  "iat",
  "jti",
  "auth_time",
  "amr",
  "client_id",
  "name",
  "picture",
]);

/**
 * Issues the login's tokens as ES256 JWTs: an access token (RFC 9068 profile, `typ: at+jwt`)
 * and an OpenID Connect style ID token, both verifiable with the keys at /.well-known/jwks.json.
 */
export class JwtTokenIssuer implements TokenIssuer {
  constructor(
    private readonly keys: SigningKeyRing,
    private readonly issuer: string,
    private readonly clock: Clock,
  ) {}

  async issue(app: Application, user: UserRecord, claims: JsonObject): Promise<IssuedTokens> {
    const nowMs = this.clock.now();
    const now = Math.floor(nowMs / 1000);
    // Both tokens of a login by the one key signing at this instant.
    const key = this.keys.signingAt(nowMs);
    const expiresIn = app.tokenLifetimeSeconds;
    const extra = withoutReserved(claims);
    const common = { ...extra, auth_time: now, amr: ["qr"] };

    const accessToken = this.sign(
      key,
      { ...common, client_id: app.appId },
      "at+jwt",
      app,
      user,
      now,
    );
    const idToken = this.sign(
      key,
      {
        ...common,
        ...(user.displayName ? { name: user.displayName } : {}),
        ...(user.photo ? { picture: user.photo } : {}),
      },
      "JWT",
      app,
      user,
      now,
    );
    return {
      accessToken: await accessToken,
      idToken: await idToken,
      tokenType: "Bearer",
      expiresIn,
    };
  }

  private sign(
    key: SigningKey,
    payload: JsonObject,
    typ: string,
    app: Application,
    user: UserRecord,
    now: number,
  ): Promise<string> {
    return new SignJWT(payload)
      .setProtectedHeader({ alg: "ES256", kid: key.kid, typ })
      .setIssuer(this.issuer)
      .setSubject(user.id)
      .setAudience(app.appId)
      .setIssuedAt(now)
      .setExpirationTime(now + app.tokenLifetimeSeconds)
      .setJti(newTokenId())
      .sign(key.privateKey);
  }
}

function withoutReserved(claims: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(claims).filter(([name]) => !RESERVED_CLAIMS.has(name)));
}
