import { createCipheriv, createHash } from "node:crypto";

import { EventCrypto, wechatSignature } from "../../../src/wechat/event-crypto";

/** WeChat's published sample (WXBizMsgCrypt's test): key, appId, random and ciphertext. */
const SAMPLE = {
  encodingAESKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
  appId: "wxb11529c136998cb6",
  random: "aaaabbbbccccdddd",
  message: "我是中文abcd123",
  encrypted:
    "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==",
};

/** The documented algorithm, written out in the test with node:crypto's own padding off. */
function encryptAsDocumented(key: string, appId: string, message: string, padding: number): string {
  const aesKey = Buffer.from(`${key}=`, "base64");
  const text = Buffer.from(message);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(text.length);
  const plain = Buffer.concat([Buffer.alloc(16, 7), length, text, Buffer.from(appId)]);
  const padded = Buffer.concat([plain, Buffer.alloc(padding, padding)]);
  const cipher = createCipheriv("aes-256-cbc", aesKey, aesKey.subarray(0, 16)).setAutoPadding(
    false,
  );
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString("base64");
}

describe("WeChat's message signatures and encryption", () => {
  it("signs URL verification as WeChat's documented example", () => {
    expect(wechatSignature("AAAAA", "1714036504", "1514711492")).toBe(
      "f464b24fc39322e44b38aa78f5edd27bd1441696",
    );
  });

  it("puts the Encrypt value into msg_signature as a fourth sorted part", () => {
    const parts = ["token", "1409304348", "xxxxxx", "ENCRYPTED"];
    const expected = createHash("sha1")
      .update([...parts].sort().join(""))
      .digest("hex");

    expect(wechatSignature(...parts)).toBe(expected);
    expect(wechatSignature("token", "1409304348", "xxxxxx")).not.toBe(expected);
  });

  it("encrypts and decrypts WeChat's published sample", () => {
    const crypto = new EventCrypto(SAMPLE.encodingAESKey, SAMPLE.appId);

    expect(crypto.encrypt(SAMPLE.message, Buffer.from(SAMPLE.random))).toBe(SAMPLE.encrypted);
    expect(crypto.decrypt(SAMPLE.encrypted)).toBe(SAMPLE.message);
  });

  it("decrypts a message whose padding is longer than 16 bytes", () => {
    // 16 + 4 + 5 + 18 = 43 bytes: 21 bytes of padding reach the next 32-byte block.
    const appId = "wx0123456789abcdef";
    const encrypted = encryptAsDocumented(SAMPLE.encodingAESKey, appId, "hello", 21);

    expect(new EventCrypto(SAMPLE.encodingAESKey, appId).decrypt(encrypted)).toBe("hello");
  });

  // Whole AES blocks either way: 16 + 4 + message + 18 (appId) + padding = 80 bytes.
  it.each([
    ["no padding at all", 42, 0],
    ["padding of 33, past WeChat's block", 9, 33],
  ])("refuses %s", (_case, messageLength, padding) => {
    const appId = "wx0123456789abcdef";
    const encrypted = encryptAsDocumented(
      SAMPLE.encodingAESKey,
      appId,
      "x".repeat(messageLength),
      padding,
    );

    expect(() => new EventCrypto(SAMPLE.encodingAESKey, appId).decrypt(encrypted)).toThrow(
      /padding/,
    );
  });

  it("refuses a message for another appId", () => {
    const encrypted = new EventCrypto(SAMPLE.encodingAESKey, "wx-other").encrypt("<xml/>");

    expect(() => new EventCrypto(SAMPLE.encodingAESKey, SAMPLE.appId).decrypt(encrypted)).toThrow(
      /another appId/,
    );
  });
});
