import { Arg, Ctx, Mutation, Resolver } from "type-graphql";

import { type ScannerRequest, ScannerService } from "../../qrcode/scanner.service";
import { type GraphQLContext } from "../context";
import { QRCodeScanResult } from "../types/qrcode-scan-result.type";
import { ScanQRCodeInput } from "../types/scan-qrcode.input";

/** The scanner's calls: the scan token from the code, and the proof its channel asks for. */
@Resolver()
export class ScannerResolver {
  constructor(private readonly scanner: ScannerService) {}

  @Mutation(() => QRCodeScanResult, {
    description: "The scanner: mark the code scanned, and learn what is being approved.",
  })
  scanQRCode(
    @Arg("input", () => ScanQRCodeInput, { validate: false }) input: ScanQRCodeInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<QRCodeScanResult> {
    return this.scanner.scan(scannerRequest(input, ctx));
  }

  @Mutation(() => QRCodeScanResult, {
    description: "The scanner: approve the login (after the login hook, when configured).",
  })
  confirmQRCode(
    @Arg("input", () => ScanQRCodeInput, { validate: false }) input: ScanQRCodeInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<QRCodeScanResult> {
    return this.scanner.confirm(scannerRequest(input, ctx));
  }

  @Mutation(() => QRCodeScanResult, { description: "The scanner: refuse the login." })
  cancelQRCode(
    @Arg("input", () => ScanQRCodeInput, { validate: false }) input: ScanQRCodeInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<QRCodeScanResult> {
    return this.scanner.cancel(scannerRequest(input, ctx));
  }
}

/** Every scanner call: the token read from the code, and whatever may prove the scanner
 * (the app user's bearer token, or the mini program's `wx.login` code); the channel decides. */
function scannerRequest(input: ScanQRCodeInput, ctx: GraphQLContext): ScannerRequest {
  const { scanToken, userCode, ...given } = input;
  return {
    scanToken: scanToken ?? undefined,
    userCode: userCode ?? undefined,
    appId: userCode == null ? undefined : ctx.caller().app.appId,
    clientIp: ctx.clientIp,
    bearerToken: ctx.credentials.bearerToken,
    fields: Object.fromEntries(
      Object.entries(given).filter((entry): entry is [string, string] => entry[1] != null),
    ),
  };
}
