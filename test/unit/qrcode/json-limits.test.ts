import { type AppError } from "../../../src/errors/app-error";
import { assertJsonWithinLimits } from "../../../src/qrcode/json-limits";
import { type JsonObject } from "../../../src/qrcode/qrcode.types";

function nested(levels: number): JsonObject {
  let value: JsonObject = { leaf: 1 };
  for (let i = 1; i < levels; i++) {
    value = { inner: value };
  }
  return value;
}

function thrown(fn: () => void): AppError {
  try {
    fn();
  } catch (error) {
    return error as AppError;
  }
  throw new Error("expected an error");
}

describe("assertJsonWithinLimits", () => {
  it("accepts five levels and exactly 4096 bytes", () => {
    expect(() => assertJsonWithinLimits("customData", nested(5))).not.toThrow();
    const exact = { k: "x".repeat(4096 - '{"k":""}'.length) };
    expect(() => assertJsonWithinLimits("customData", exact)).not.toThrow();
  });

  it("refuses six levels, naming the field and the depth", () => {
    const error = thrown(() => assertJsonWithinLimits("context", nested(6)));

    expect(error.errorName).toBe("JSON_TOO_DEEP");
    expect(error.details).toMatchObject({ field: "context", depth: 6, limit: 5 });
    expect(error.message).toContain("context");
  });

  it("counts arrays as levels", () => {
    const error = thrown(() => assertJsonWithinLimits("context", { a: [[[[[1]]]]] }));

    expect(error.errorName).toBe("JSON_TOO_DEEP");
  });

  it("refuses 4097 bytes, counting UTF-8 bytes rather than characters", () => {
    const chars = (4096 - '{"k":""}'.length) / 2 + 1;
    const error = thrown(() => assertJsonWithinLimits("customData", { k: "é".repeat(chars) }));

    expect(error.errorName).toBe("JSON_TOO_LARGE");
    expect(error.details).toMatchObject({ field: "customData", limit: 4096 });
  });

  it("stops counting depth past the limit, so a deep input costs little", () => {
    const error = thrown(() => assertJsonWithinLimits("context", nested(400)));

    expect(error.errorName).toBe("JSON_TOO_DEEP");
    expect(error.details.depth).toBe(6);
  });

  it("judges the depth before serializing, so 5,000 levels are refused as too deep", () => {
    const error = thrown(() => assertJsonWithinLimits("customData", nested(5000)));

    expect(error.errorName).toBe("JSON_TOO_DEEP");
  });

  it.each(["__proto__", "constructor", "prototype"])(
    "refuses the key %s at any level, naming the field",
    (key) => {
      const own = JSON.parse(`{"a":{"${key}":{"polluted":true}}}`) as JsonObject;
      const error = thrown(() => assertJsonWithinLimits("context", own));

      expect(error.errorName).toBe("INVALID_INPUT");
      expect(error.details).toMatchObject({ field: "context" });
      expect(error.message).toContain(key);
    },
  );
});
