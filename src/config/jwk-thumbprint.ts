import { createHash, createPrivateKey, createPublicKey } from "node:crypto";

/** The RFC 7638 thumbprint of a P-256 key's public half: the default `kid`. */
export function jwkThumbprint(privateKeyPem: string): string {
  const jwk = createPublicKey(createPrivateKey(privateKeyPem)).export({ format: "jwk" });
  // RFC 7638 §3.2: the required members only, in lexicographic order, no whitespace.
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash("sha256").update(canonical).digest("base64url");
}
