import { type AppError } from "../../../src/errors/app-error";
import {
  assertFieldsFitType,
  type GenerateRequest,
  selectConnection,
} from "../../../src/qrcode/generate-rules";
import { ACME } from "../../support/applications";

function failure(fn: () => unknown): Pick<AppError, "errorName" | "details"> {
  try {
    fn();
  } catch (error) {
    const { errorName, details } = error as AppError;
    return { errorName, details };
  }
  throw new Error("expected an error");
}

describe("assertFieldsFitType", () => {
  it.each<[string, GenerateRequest, string]>([
    [
      "customData on a WeChat type",
      { type: "WECHAT_MINIPROGRAM", customData: { a: 1 } },
      "customData",
    ],
    ["context on MOBILE_APP", { type: "MOBILE_APP", context: { a: 1 } }, "context"],
    [
      "autoMergeQrCode on MOBILE_APP",
      { type: "MOBILE_APP", autoMergeQrCode: true },
      "autoMergeQrCode",
    ],
    [
      "autoMergeQrCode on an official account",
      { type: "WECHAT_OFFICIAL_ACCOUNT", autoMergeQrCode: true },
      "autoMergeQrCode",
    ],
  ])("refuses %s, naming the field", (_case, request, field) => {
    expect(failure(() => assertFieldsFitType(request))).toEqual({
      errorName: "FIELD_NOT_ALLOWED_FOR_TYPE",
      details: { field },
    });
  });

  it("accepts each field on its own type, and an explicit autoMergeQrCode: false anywhere", () => {
    expect(() =>
      assertFieldsFitType({ type: "MOBILE_APP", customData: { a: 1 }, autoMergeQrCode: false }),
    ).not.toThrow();
    expect(() =>
      assertFieldsFitType({ type: "WECHAT_OFFICIAL_ACCOUNT", context: { a: 1 } }),
    ).not.toThrow();
    expect(() =>
      assertFieldsFitType({ type: "WECHAT_MINIPROGRAM", context: { a: 1 }, autoMergeQrCode: true }),
    ).not.toThrow();
  });
});

describe("selectConnection", () => {
  it("returns the named connection when it is enabled and of the type", () => {
    expect(
      selectConnection(ACME, { type: "WECHAT_MINIPROGRAM", extIdpConnId: "acme-mp" })?.id,
    ).toBe("acme-mp");
  });

  it.each<[string, GenerateRequest, string]>([
    ["an unknown id", { type: "MOBILE_APP", extIdpConnId: "nope" }, "CONNECTION_NOT_FOUND"],
    [
      "a disabled connection",
      { type: "WECHAT_MINIPROGRAM", extIdpConnId: "acme-mp-off" },
      "CONNECTION_DISABLED",
    ],
    [
      "a connection of another type",
      { type: "MOBILE_APP", extIdpConnId: "acme-mp" },
      "CONNECTION_TYPE_MISMATCH",
    ],
  ])("refuses %s on extIdpConnId", (_case, request, errorName) => {
    expect(failure(() => selectConnection(ACME, request))).toEqual({
      errorName,
      details: { field: "extIdpConnId" },
    });
  });

  it("picks the first enabled connection of the type when none is named", () => {
    expect(selectConnection(ACME, { type: "WECHAT_MINIPROGRAM" })?.id).toBe("acme-mp");
  });

  it("requires a connection for a WeChat type but not for MOBILE_APP", () => {
    expect(failure(() => selectConnection(ACME, { type: "WECHAT_OFFICIAL_ACCOUNT" }))).toEqual({
      errorName: "NO_CONNECTION_FOR_TYPE",
      details: { field: "type" },
    });
    expect(selectConnection({ ...ACME, connections: [] }, { type: "MOBILE_APP" })).toBeUndefined();
  });
});
