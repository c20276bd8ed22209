import { createPublicKey, type KeyObject } from "node:crypto";

import {
  createRemoteJWKSet,
  decodeJwt,
  errors as joseErrors,
  type JWTPayload,
  jwtVerify,
  type JWTVerifyGetKey,
} from "jose";

import { AppError } from "../errors/app-error";
import { type Application, type AppTokenPolicy } from "../qrcode/application";
import { type Clock } from "../qrcode/clock";
import { type ScannerAuthenticator } from "../qrcode/ports/scanner-auth.port";
import { type ScannerIdentity } from "../qrcode/qrcode.types";
import { type ApplicationDirectory } from "../qrcode/resolve-caller";

type VerificationKey = Uint8Array | KeyObject | JWTVerifyGetKey;

const HMAC_ALGORITHMS = ["HS256", "HS384", "HS512"];
const ASYMMETRIC_ALGORITHMS = [
  "ES256",
  "ES384",
  "ES512",
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "EdDSA",
];
/** Phones' clocks drift; a few seconds of tolerance spares real users spurious expiries. */
const CLOCK_TOLERANCE_SECONDS = 10;
const JWKS_TIMEOUT_MS = 3000;

/**
 * Checks the bearer token of the company's mobile app with jose, against the application's
 * configured shared secret, public key or JWKS URL, with issuer and audience checks.
 */
export class AppTokenAuthenticator implements ScannerAuthenticator {
  private readonly keys = new Map<string, VerificationKey>();

  constructor(
    private readonly applications: ApplicationDirectory,
    private readonly clock: Clock,
  ) {}

  async authenticate(app: Application, bearerToken: string | undefined): Promise<ScannerIdentity> {
    if (!bearerToken) {
      throw new AppError(
        "APP_TOKEN_REQUIRED",
        "send the app user's token as Authorization: Bearer <token>",
        { field: "authorization" },
      );
    }
    if (!app.appTokens) {
      throw new AppError(
        "APP_TOKENS_NOT_CONFIGURED",
        `application ${app.appId} has no appTokens policy, so its codes cannot be scanned by an app`,
      );
    }
    try {
      return identityOf(await this.verify(app, app.appTokens, bearerToken));
    } catch (error) {
      if (error instanceof AppError) {
        throw error;
      }
      if (await this.belongsToAnotherApplication(app, bearerToken)) {
        throw new AppError(
          "APP_TOKEN_OTHER_APPLICATION",
          `the app token is for another application than ${app.appId}`,
          { field: "authorization" },
        );
      }
      throw toAppError(error);
    }
  }

  private async verify(app: Application, policy: AppTokenPolicy, token: string) {
    const key = this.keyFor(app.appId, policy);
    const options = {
      issuer: policy.issuer,
      audience: policy.audience,
      algorithms: policy.key.kind === "secret" ? HMAC_ALGORITHMS : ASYMMETRIC_ALGORITHMS,
      requiredClaims: ["sub", "exp"],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: new Date(this.clock.now()),
    };
    // jose overloads on the key's kind; the branches differ only in that type.
    const { payload } =
      typeof key === "function"
        ? await jwtVerify(token, key, options)
        : await jwtVerify(token, key, options);
    return payload;
  }

  /** Only a token that really verifies for another application earns FORBIDDEN; anything
   * else stays UNAUTHENTICATED, so the answer reveals nothing about other applications. */
  private async belongsToAnotherApplication(app: Application, token: string): Promise<boolean> {
    let claims: JWTPayload;
    try {
      claims = decodeJwt(token);
    } catch {
      return false;
    }
    const audiences = new Set(
      Array.isArray(claims.aud) ? claims.aud : claims.aud ? [claims.aud] : [],
    );
    for (const other of this.applications.values()) {
      const policy = other.appTokens;
      if (other.appId === app.appId || !policy || !audiences.has(policy.audience)) {
        continue;
      }
      try {
        await this.verify(other, policy, token);
        return true;
      } catch {
        // Not this one either.
      }
    }
    return false;
  }

  private keyFor(appId: string, policy: AppTokenPolicy): VerificationKey {
    let key = this.keys.get(appId);
    if (!key) {
      key = makeKey(policy);
      this.keys.set(appId, key);
    }
    return key;
  }
}

function makeKey(policy: AppTokenPolicy): VerificationKey {
  switch (policy.key.kind) {
    case "secret":
      return new TextEncoder().encode(policy.key.secret);
    case "publicKey":
      return createPublicKey(policy.key.pem);
    case "jwks":
      return createRemoteJWKSet(new URL(policy.key.url), { timeoutDuration: JWKS_TIMEOUT_MS });
  }
}

/** What a code keeps of the scanner is bounded like everything else it keeps. */
const MAX_USER_ID_CHARS = 255;
const MAX_DISPLAY_NAME_CHARS = 128;
const MAX_PHOTO_URL_CHARS = 2048;

function identityOf(payload: JWTPayload): ScannerIdentity {
  const text = (value: unknown) => (typeof value === "string" && value ? value : undefined);
  const userId = payload.sub as string;
  if (userId.length > MAX_USER_ID_CHARS) {
    throw new AppError(
      "APP_TOKEN_INVALID",
      `the app token is not valid: its sub claim is longer than ${MAX_USER_ID_CHARS} characters`,
      { field: "authorization" },
    );
  }
  const name = text(payload.name) ?? text(payload.nickname) ?? text(payload.preferred_username);
  const photo = text(payload.picture);
  return {
    userId,
    displayName: name?.slice(0, MAX_DISPLAY_NAME_CHARS),
    // A cut URL is a wrong URL: one too long is left out.
    photo: photo && photo.length <= MAX_PHOTO_URL_CHARS ? photo : undefined,
  };
}

function toAppError(error: unknown): AppError {
  if (error instanceof joseErrors.JWTExpired) {
    return new AppError("APP_TOKEN_EXPIRED", "the app token has expired", {
      field: "authorization",
    });
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === "nbf") {
    return new AppError("APP_TOKEN_EXPIRED", "the app token is not valid yet", {
      field: "authorization",
    });
  }
  // jose reports an unreachable or broken JWKS endpoint as a timeout, a plain JOSEError, or
  // the network's own error; none of them says anything about the token.
  if (
    !(error instanceof joseErrors.JOSEError) ||
    error instanceof joseErrors.JWKSTimeout ||
    error instanceof joseErrors.JWKSInvalid ||
    error.code === joseErrors.JOSEError.code
  ) {
    return new AppError(
      "APP_TOKEN_KEYS_UNAVAILABLE",
      "the application's JWKS could not be fetched to check the app token",
    );
  }
  const reason =
    error instanceof joseErrors.JWTClaimValidationFailed
      ? `its ${error.claim} claim is wrong`
      : "it is malformed or badly signed";
  return new AppError("APP_TOKEN_INVALID", `the app token is not valid: ${reason}`, {
    field: "authorization",
  });
}
