import { type Application, type Connection } from "../application";
import { type StoredBlob } from "../ports/blob-store.port";
import { type QRCodeType, type ScannerIdentity } from "../qrcode.types";

/** The optional `generateQRCode` fields a type takes (the hosted API gives each to some types). */
export interface GenerateFields {
  readonly customData: boolean;
  readonly context: boolean;
  readonly autoMergeQrCode: boolean;
}

/** A code being made: what a channel needs to make its image. */
export interface NewCode {
  readonly app: Application;
  /** The connection serving this code (always set when the channel needs one). */
  readonly connection: Connection | undefined;
  readonly scanToken: string;
  /** This service's landing link for the scan token (the MOBILE_APP content by default). */
  readonly scanUrl: string;
  readonly expiresAt: number;
  readonly autoMergeQrCode: boolean;
}

/**
 * Where a code's image comes from: drawn here from `content` (our renderer, any size, PNG or
 * SVG), or bytes made elsewhere (WeChat's mini program code), kept for the code's lifetime.
 */
export type CodeImage =
  | { readonly kind: "rendered"; readonly content: string }
  | { readonly kind: "stored"; readonly blob: StoredBlob };

/** Whatever a scanner's call carries that may prove who it is; each channel reads its own
 * (and names them in `proofFields`: a field it does not read is refused). */
export interface ScannerProof {
  /** `Authorization: Bearer …`: the company's app user's token. */
  readonly bearerToken?: string;
  /** The scanner call's other fields that were given (`wxCode`, `displayName`, `photo`). */
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * One QR code type: its input rules, where its image comes from, how its scanner proves who it
 * is, and how that identity becomes the application's user. The domain asks the registry for
 * the channel of a code's type and never tests the type itself: adding a type is adding a
 * channel (docs/architecture.md, "Adding a QR code type").
 */
export interface QRChannel {
  readonly type: QRCodeType;
  readonly fields: GenerateFields;
  /** The scanner call fields this channel reads; any other given is refused. */
  readonly proofFields: readonly string[];
  /** How a scanner proves itself for this type, for the refusal of a field it does not read. */
  readonly proofHint?: string;
  /** The name a login page shows for a scanner who gives none ("WeChat user": WeChat gives
   * servers no nickname), rather than an id. */
  readonly anonymousName?: string;
  /** Whether a code of this type needs a connection (`extIdpConnId` or the app's first). */
  readonly needsConnection: boolean;
  /** Room to hold for an image made elsewhere while it is being made (0: drawn here). */
  readonly imageRoomBytes: number;
  makeImage(code: NewCode): Promise<CodeImage>;
  /**
   * Proves who is scanning, from the scanner's call, and names the user (`userId` is the id
   * the application's user is kept under). Throws an AppError when the proof fails.
   */
  identifyScanner(
    app: Application,
    connection: Connection | undefined,
    proof: ScannerProof,
  ): Promise<ScannerIdentity>;
}
