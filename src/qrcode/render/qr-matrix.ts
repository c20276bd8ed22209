import QRCode from "qrcode";

/** The modules of a QR symbol, row-major, 1 = dark. */
export interface QRMatrix {
  readonly size: number;
  readonly modules: Uint8Array;
}

/**
 * Error correction M (15 %) survives a phone's glare and a small centre logo while keeping the
 * symbol small; it is what the hosted platforms print for login codes. The content is one byte
 * segment: for a short URL with a random token, `qrcode`'s search for the smallest mix of
 * numeric, alphanumeric and byte segments costs a third of the encoding and yields the same
 * symbol version.
 */
export function encodeMatrix(content: string): QRMatrix {
  const symbol = QRCode.create([{ data: Buffer.from(content, "utf8"), mode: "byte" }], {
    errorCorrectionLevel: "M",
  });
  return { size: symbol.modules.size, modules: symbol.modules.data };
}

/** The quiet zone the QR specification asks for around the symbol, in modules. */
export const QUIET_ZONE_MODULES = 4;
