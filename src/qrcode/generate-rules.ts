import { AppError, assertThat } from "../errors/app-error";
import { type Application, type Connection } from "./application";
import { type GenerateFields, type QRChannel } from "./channels/qr-channel";
import { assertJsonWithinLimits } from "./json-limits";
import { type JsonObject, type QRCodeType } from "./qrcode.types";

export interface GenerateRequest {
  readonly type: QRCodeType;
  readonly extIdpConnId?: string | null;
  readonly customData?: JsonObject | null;
  readonly context?: JsonObject | null;
  readonly autoMergeQrCode?: boolean | null;
}

/** Refuses an optional field the code's channel does not take; checks the JSON it does take. */
export function assertFieldsFitType(
  { type, fields }: Pick<QRChannel, "type" | "fields">,
  request: GenerateRequest,
): void {
  const given: Record<keyof GenerateFields, boolean> = {
    customData: request.customData != null,
    context: request.context != null,
    // false is the default, so an explicit false is no request for a merge.
    autoMergeQrCode: request.autoMergeQrCode === true,
  };
  for (const field of Object.keys(given) as (keyof GenerateFields)[]) {
    assertThat(
      !given[field] || fields[field],
      "FIELD_NOT_ALLOWED_FOR_TYPE",
      `${field} is not taken by ${type} codes`,
      { field },
    );
  }
  if (request.customData != null) {
    assertJsonWithinLimits("customData", request.customData);
  }
  if (request.context != null) {
    assertJsonWithinLimits("context", request.context);
  }
}

/**
 * The connection that will serve this code: the one `extIdpConnId` names, or else the
 * application's first enabled connection of the type (required when the channel needs one).
 */
export function selectConnection(
  app: Application,
  { type, needsConnection }: Pick<QRChannel, "type" | "needsConnection">,
  extIdpConnId: string | null | undefined,
): Connection | undefined {
  if (extIdpConnId != null) {
    return namedConnection(app, type, extIdpConnId);
  }
  const connection = app.connections.find(
    (candidate) => candidate.enabled && candidate.type === type,
  );
  if (!connection && needsConnection) {
    throw new AppError(
      "NO_CONNECTION_FOR_TYPE",
      `application ${app.appId} has no enabled ${type} connection`,
      { field: "type" },
    );
  }
  return connection;
}

function namedConnection(app: Application, type: QRCodeType, extIdpConnId: string): Connection {
  const field = { field: "extIdpConnId" };
  assertThat(
    extIdpConnId.length >= 1 && extIdpConnId.length <= 64,
    "INVALID_INPUT",
    "extIdpConnId must be 1 to 64 characters",
    field,
  );
  const connection = app.connections.find((candidate) => candidate.id === extIdpConnId);
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
