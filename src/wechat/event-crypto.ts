import {
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";

/** WeChat pads to 32-byte blocks (PKCS#7 with a block of 32, not AES's 16). */
const BLOCK = 32;

/** SHA-1 of the parts sorted lexicographically and joined: WeChat's `signature` (token,
 * timestamp, nonce) and, with the `Encrypt` value as a fourth part, its `msg_signature`. */
export function wechatSignature(...parts: string[]): string {
  return createHash("sha1")
    .update([...parts].sort().join(""))
    .digest("hex");
}

/** Constant-time comparison of a signature WeChat sent with the one computed here. */
export function signatureMatches(expected: string, given: string | undefined): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given ?? "");
  return a.length === b.length && timingSafeEqual(a, b);
}

export class EventCryptoError extends Error {}

/**
 * WeChat's message encryption ("safe mode"): AES-256-CBC, key = base64(EncodingAESKey + "="),
 * IV = the key's first 16 bytes, plaintext = 16 random bytes ‖ 4-byte big-endian length ‖
 * message ‖ appId, padded to 32-byte blocks.
 */
export class EventCrypto {
  private readonly key: Buffer;

  constructor(
    encodingAESKey: string,
    private readonly appId: string,
  ) {
    this.key = Buffer.from(`${encodingAESKey}=`, "base64");
    if (encodingAESKey.length !== 43 || this.key.length !== 32) {
      throw new EventCryptoError("an EncodingAESKey is 43 base64 characters");
    }
  }

  /** The message inside `encrypted`; throws on bad padding, a bad length or another appId. */
  decrypt(encrypted: string): string {
    const decipher = createDecipheriv("aes-256-cbc", this.key, this.key.subarray(0, 16));
    decipher.setAutoPadding(false);
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(Buffer.from(encrypted, "base64")), decipher.final()]);
    } catch {
      throw new EventCryptoError("the ciphertext is not whole AES blocks");
    }
    const body = unpad(plain);
    if (body.length < 20) {
      throw new EventCryptoError("the plaintext is too short");
    }
    const length = body.readUInt32BE(16);
    if (20 + length > body.length) {
      throw new EventCryptoError("the message length is past the plaintext");
    }
    const appId = body.subarray(20 + length).toString("utf8");
    if (!signatureMatches(this.appId, appId)) {
      throw new EventCryptoError("the message is for another appId");
    }
    return body.subarray(20, 20 + length).toString("utf8");
  }

  /** `message` encrypted for a reply; `random` is for tests with published vectors. */
  encrypt(message: string, random: Buffer = randomBytes(16)): string {
    const text = Buffer.from(message, "utf8");
    const length = Buffer.alloc(4);
    length.writeUInt32BE(text.length);
    const cipher = createCipheriv("aes-256-cbc", this.key, this.key.subarray(0, 16));
    cipher.setAutoPadding(false);
    const plain = pad(Buffer.concat([random, length, text, Buffer.from(this.appId, "utf8")]));
    return Buffer.concat([cipher.update(plain), cipher.final()]).toString("base64");
  }
}

function pad(data: Buffer): Buffer {
  const count = BLOCK - (data.length % BLOCK);
  return Buffer.concat([data, Buffer.alloc(count, count)]);
}

/** Strict: the last byte says how many bytes of padding (1 to 32), and each of them says so. */
function unpad(data: Buffer): Buffer {
  const count = data[data.length - 1] ?? 0;
  if (count < 1 || count > BLOCK || count > data.length) {
    throw new EventCryptoError("bad padding");
  }
  for (let index = data.length - count; index < data.length; index += 1) {
    if (data[index] !== count) {
      throw new EventCryptoError("bad padding");
    }
  }
  return data.subarray(0, data.length - count);
}
