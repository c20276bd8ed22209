/** The operations the widget sends, as plain strings (a test validates them against the schema). */

export const GENERATE = `mutation WidgetGenerate($input: GenerateQRCodeInput!) {
  generateQRCode(input: $input) { qrcodeId url customLogoUrl expiresAt }
}`;

const STATUS_FIELDS =
  "status expiresAt ticket cancelReason cancelledBy briefUserInfo { displayName photo }";

export const STATUS = `query WidgetStatus($qrcodeId: String!) {
  qrCodeStatus(qrcodeId: $qrcodeId) { ${STATUS_FIELDS} }
}`;

export const STATUS_CHANGED = `subscription WidgetStatusChanged($qrcodeId: String!) {
  qrCodeStatusChanged(qrcodeId: $qrcodeId) { ${STATUS_FIELDS} }
}`;

export const EXCHANGE = `mutation WidgetExchange($ticket: String!) {
  exchangeQRCodeTicket(ticket: $ticket) {
    accessToken idToken tokenType expiresIn user { id displayName photo customData }
  }
}`;

export interface StatusUpdate {
  readonly status: "PENDING" | "SCANNED" | "AUTHORIZED" | "CANCELLED" | "EXPIRED";
  readonly expiresAt: string;
  readonly ticket: string | null;
  readonly cancelReason: string | null;
  readonly cancelledBy: "SCANNER" | "APPLICATION" | null;
  readonly briefUserInfo: { displayName: string | null; photo: string | null } | null;
}
