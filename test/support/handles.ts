import { newQrcodeId, newScanToken } from "../../src/qrcode/ids";

/** A code's two handles, made as the service makes them (they share the code's tag). */
export function newHandles(): { qrcodeId: string; scanToken: string } {
  const scanToken = newScanToken();
  return { scanToken, qrcodeId: newQrcodeId(scanToken) };
}
