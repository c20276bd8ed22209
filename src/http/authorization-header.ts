import { type RequestCredentials } from "../qrcode/caller";

export { type RequestCredentials } from "../qrcode/caller";

const NO_CREDENTIALS: RequestCredentials = {};

export function parseAuthorization(header: string | undefined): RequestCredentials {
  if (!header) {
    return NO_CREDENTIALS;
  }
  const space = header.indexOf(" ");
  const scheme = header.slice(0, space).toLowerCase();
  const value = header.slice(space + 1).trim();
  if (space === -1 || !value) {
    return NO_CREDENTIALS;
  }
  if (scheme === "bearer") {
    return { bearerToken: value };
  }
  if (scheme === "basic") {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon > 0) {
      const secret = decoded.slice(colon + 1);
      const formDecodedSecret = formDecoded(secret);
      return {
        basic: {
          clientId: formDecoded(decoded.slice(0, colon)),
          clientSecret: secret,
          ...(formDecodedSecret === secret ? {} : { formDecodedSecret }),
        },
      };
    }
  }
  return NO_CREDENTIALS;
}

/** OAuth clients form-encode the id and the secret in Basic credentials (RFC 6749 §2.3.1);
 * tolerate ones that do not. */
function formDecoded(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return value;
  }
}
