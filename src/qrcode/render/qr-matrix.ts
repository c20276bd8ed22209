import QRCode from "qrcode";

/** The modules of a QR symbol, row-major, 1 = dark. */
export interface QRMatrix {
  readonly size: number;
  readonly modules: Uint8Array;
}

/**
 * Error correction M (15 %) survives a phone's glare and a small centre logo while keeping the
 * symbol small; it is what the hosted platforms print for login codes.
 */
export function encodeMatrix(content: string): QRMatrix {
  const symbol = QRCode.create(content, { errorCorrectionLevel: "M" });
  return { size: symbol.modules.size, modules: symbol.modules.data };
}

/** The quiet zone the QR specification asks for around the symbol, in modules. */
export const QUIET_ZONE_MODULES = 4;
