import { type QRCodeSession } from "./qrcode.types";

/** The formats this service draws itself, at any `?size=`. */
export type RenderedFormat = "png" | "svg";

/** File extensions of the images a code may have, by content type. */
const EXTENSIONS: Readonly<Record<string, string>> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/svg+xml": "svg",
};

/** Where a code's stored image (bytes made elsewhere) is kept in the blob store. */
export function storedImageKey(scanToken: string): string {
  return `image:${scanToken}`;
}

/** The extension of a code's image URL: its stored image's, or PNG when drawn here. */
export function imageExtension(session: Pick<QRCodeSession, "storedImageType">): string {
  return session.storedImageType ? (EXTENSIONS[session.storedImageType] ?? "bin") : "png";
}
