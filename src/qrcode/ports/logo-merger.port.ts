import { type StoredBlob } from "./blob-store.port";

/** Puts a logo on the centre disc of a WeChat mini program code (`autoMergeQrCode: true`). */
export interface LogoMerger {
  /** The image with the logo at `logoUrl` merged onto its centre, same size and type. */
  merge(image: StoredBlob, logoUrl: string): Promise<StoredBlob>;
}
