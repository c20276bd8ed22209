import { type AppError } from "../../../src/errors/app-error";
import { type QRChannel } from "../../../src/qrcode/channels/qr-channel";
import {
  assertFieldsFitType,
  type GenerateRequest,
  selectConnection,
} from "../../../src/qrcode/generate-rules";
import { type QRCodeType } from "../../../src/qrcode/qrcode.types";
import { ACME } from "../../support/applications";

/** The rules each type's channel declares (the hosted API's: customData for the app, context
 * for WeChat, the server-side logo merge for the mini program only). */
const RULES: Record<QRCodeType, Pick<QRChannel, "type" | "fields" | "needsConnection">> = {
  MOBILE_APP: {
    type: "MOBILE_APP",
    fields: { customData: true, context: false, autoMergeQrCode: false },
    needsConnection: false,
  },
  WECHAT_MINIPROGRAM: {
    type: "WECHAT_MINIPROGRAM",
    fields: { customData: false, context: true, autoMergeQrCode: true },
    needsConnection: true,
  },
  WECHAT_OFFICIAL_ACCOUNT: {
    type: "WECHAT_OFFICIAL_ACCOUNT",
    fields: { customData: false, context: true, autoMergeQrCode: false },
    needsConnection: true,
  },
};

function rulesOf(type: QRCodeType): Pick<QRChannel, "type" | "fields" | "needsConnection"> {
  const rules = RULES[type];
  if (!rules) {
    throw new Error(`no rules for ${type}`);
  }
  return rules;
}

function fit(request: GenerateRequest): void {
  assertFieldsFitType(rulesOf(request.type), request);
}

function select(app: typeof ACME, request: GenerateRequest) {
  return selectConnection(app, rulesOf(request.type), request.extIdpConnId);
}

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
    expect(failure(() => fit(request))).toEqual({
      errorName: "FIELD_NOT_ALLOWED_FOR_TYPE",
      details: { field },
    });
  });

  it("accepts each field on its own type, and an explicit autoMergeQrCode: false anywhere", () => {
    expect(() =>
      fit({ type: "MOBILE_APP", customData: { a: 1 }, autoMergeQrCode: false }),
    ).not.toThrow();
    expect(() => fit({ type: "WECHAT_OFFICIAL_ACCOUNT", context: { a: 1 } })).not.toThrow();
    expect(() =>
      fit({ type: "WECHAT_MINIPROGRAM", context: { a: 1 }, autoMergeQrCode: true }),
    ).not.toThrow();
  });
});

describe("selectConnection", () => {
  it("returns the named connection when it is enabled and of the type", () => {
    expect(select(ACME, { type: "WECHAT_MINIPROGRAM", extIdpConnId: "acme-mp" })?.id).toBe(
      "acme-mp",
    );
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
    expect(failure(() => select(ACME, request))).toEqual({
      errorName,
      details: { field: "extIdpConnId" },
    });
  });

  it("picks the first enabled connection of the type when none is named", () => {
    expect(select(ACME, { type: "WECHAT_MINIPROGRAM" })?.id).toBe("acme-mp");
  });

  it("requires a connection for a WeChat type but not for MOBILE_APP", () => {
    expect(failure(() => select(ACME, { type: "WECHAT_OFFICIAL_ACCOUNT" }))).toEqual({
      errorName: "NO_CONNECTION_FOR_TYPE",
      details: { field: "type" },
    });
    expect(select({ ...ACME, connections: [] }, { type: "MOBILE_APP" })).toBeUndefined();
  });
});
