import { AppError, assertThat } from "../errors/app-error";
import { type Application, type Connection } from "./application";
import { assertJsonWithinLimits } from "./json-limits";
import { type JsonObject, type QRCodeType } from "./qrcode.types";

export interface GenerateRequest {
  readonly type: QRCodeType;
  readonly extIdpConnId?: string | null;
  readonly customData?: JsonObject | null;
  readonly context?: JsonObject | null;
  readonly autoMergeQrCode?: boolean | null;
}

/** Which optional fields each type takes, as the hosted "generate QR code" API defines them. */
export function assertFieldsFitType(request: GenerateRequest): void {
  const { type } = request;
  if (request.customData != null) {
    assertThat(
      type === "MOBILE_APP",
      "FIELD_NOT_ALLOWED_FOR_TYPE",
      `customData is only for MOBILE_APP codes, not ${type}`,
      {
        field: "customData",
      },
    );
    assertJsonWithinLimits("customData", request.customData);
  }
  if (request.context != null) {
    assertThat(
      type !== "MOBILE_APP",
      "FIELD_NOT_ALLOWED_FOR_TYPE",
      "context is only for the WeChat code types, not MOBILE_APP",
      {
        field: "context",
      },
    );
    assertJsonWithinLimits("context", request.context);
  }
  assertThat(
    request.autoMergeQrCode !== true || type === "WECHAT_MINIPROGRAM",
    "FIELD_NOT_ALLOWED_FOR_TYPE",
    `autoMergeQrCode is only for WECHAT_MINIPROGRAM codes, not ${type}`,
    { field: "autoMergeQrCode" },
  );
}

/**
 * The connection that will serve this code: the one `extIdpConnId` names, or else the
 * application's first enabled connection of the type (required for the WeChat types).
 */
export function selectConnection(
  app: Application,
  request: GenerateRequest,
): Connection | undefined {
  const { type, extIdpConnId } = request;
  if (extIdpConnId != null) {
    assertThat(
      extIdpConnId.length >= 1 && extIdpConnId.length <= 64,
      "INVALID_INPUT",
      "extIdpConnId must be 1 to 64 characters",
      { field: "extIdpConnId" },
    );
    const connection = app.connections.find((candidate) => candidate.id === extIdpConnId);
    const field = { field: "extIdpConnId" };
    assertThat(
      connection,
      "CONNECTION_NOT_FOUND",
      `extIdpConnId "${extIdpConnId}" is not a connection of application ${app.appId}`,
      field,
    );
    assertThat(
      connection.enabled,
      "CONNECTION_DISABLED",
      `extIdpConnId "${extIdpConnId}" is disabled`,
      field,
    );
    assertThat(
      connection.type === type,
      "CONNECTION_TYPE_MISMATCH",
      `extIdpConnId "${extIdpConnId}" is a ${connection.type} connection, not ${type}`,
      field,
    );
    return connection;
  }
  const connection = app.connections.find(
    (candidate) => candidate.enabled && candidate.type === type,
  );
  if (!connection && type !== "MOBILE_APP") {
    throw new AppError(
      "NO_CONNECTION_FOR_TYPE",
      `application ${app.appId} has no enabled ${type} connection`,
      {
        field: "type",
      },
    );
  }
  return connection;
}
