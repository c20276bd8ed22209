import { AppError, assertThat } from "../errors/app-error";
import { type Application } from "./application";
import { type ChannelRegistry } from "./channels/channel-registry";
import { type ScannerProof } from "./channels/qr-channel";
import { type Clock } from "./clock";
import { crossDeviceBreach } from "./cross-device-policy";
import { type UserCodeLookup } from "./device/user-code-lookup";
import { assertHandle } from "./handles";
import { connectionOf, type LoginApproval } from "./login-approval";
import { type SessionStore } from "./ports/session-store.port";
import { OPEN_STATUSES, type QRCodeSession, type ScannerIdentity } from "./qrcode.types";
import { type ApplicationDirectory } from "./resolve-caller";
import { type ScanView, scanView } from "./scan-card";

export { type ScanView } from "./scan-card";
import { type ScannerPace } from "./scanner-pace";
import { cancelForApplication, refusalFor, transitionOrRefuse } from "./status-refusal";

/** A scanner's call: the scan token read from the code (or the user code a person typed), and
 * what proves who the scanner is. */
export interface ScannerRequest extends ScannerProof {
  readonly scanToken?: string;
  /** Typed instead of scanning (a device login's `XXXX-XXXX`); needs `appId`. */
  readonly userCode?: string;
  /** The application the call names (`x-app-id`), when it names one. */
  readonly appId?: string;
  /** The calling client's address, for the pace of scanner calls. */
  readonly clientIp?: string;
}

/**
 * The scanner's side of a login: scan, confirm (approved by {@link LoginApproval}), cancel.
 * Every transition is a compare-and-set in the store, so two scanners, or a scan racing an
 * expiry, can never both win.
 */
export class ScannerService {
  constructor(
    private readonly store: SessionStore,
    private readonly applications: ApplicationDirectory,
    private readonly channels: ChannelRegistry,
    private readonly approval: Pick<LoginApproval, "approve">,
    private readonly pace: Pick<ScannerPace, "assertWithin">,
    private readonly userCodes: Pick<UserCodeLookup, "scanTokenOf">,
    private readonly clock: Clock,
  ) {}

  async scan(request: ScannerRequest): Promise<ScanView> {
    const { session, app, scanner } = await this.open(request);
    if (session.status === "SCANNED" && session.scanner?.userId === scanner.userId) {
      return scanView(session, app, request.clientIp, this.clock.now());
    }
    const scanned = await transitionOrRefuse(
      this.store,
      session,
      ["PENDING"],
      {
        status: "SCANNED",
        scanner,
      },
      "scan",
    );
    return scanView(scanned, app, request.clientIp, this.clock.now());
  }

  async confirm(request: ScannerRequest): Promise<ScanView> {
    const { session, app, scanner: proven } = await this.open(request);
    this.assertScannedBy(session, proven, "confirm");
    await this.assertCrossDeviceRules(session, app, request.clientIp);
    // The profile shown at the scan stays unless the confirming call brings another (a mini
    // program sends it once, with the scan).
    const scanner: ScannerIdentity = {
      ...proven,
      displayName: proven.displayName ?? session.scanner?.displayName,
      photo: proven.photo ?? session.scanner?.photo,
    };
    return scanView(
      await this.approval.approve(session, app, scanner),
      app,
      request.clientIp,
      this.clock.now(),
    );
  }

  async cancel(request: ScannerRequest): Promise<ScanView> {
    const { session, app, scanner } = await this.open(request);
    if (session.status === "SCANNED") {
      this.assertScannedBy(session, scanner, "cancel");
    }
    const cancelled = await transitionOrRefuse(
      this.store,
      session,
      OPEN_STATUSES,
      {
        status: "CANCELLED",
        cancelReason: "cancelled by the scanner",
        cancelledBy: "SCANNER",
      },
      "cancel",
    );
    return scanView(cancelled, app, request.clientIp, this.clock.now());
  }

  /** Finds the live code by its scan token and has its channel prove who the scanner is. */
  private async open(request: ScannerRequest): Promise<{
    session: QRCodeSession;
    app: Application;
    scanner: ScannerIdentity;
  }> {
    const scanToken = await this.scanTokenOf(request);
    const session = await this.store.findByScanToken(scanToken);
    const app = session && this.applications.get(session.appId);
    if (!session || !app) {
      throw new AppError("QRCODE_NOT_FOUND", "no live QR code has this scan token", {
        field: "scanToken",
      });
    }
    const channel = this.channels.require(session.type, "scanToken");
    const connection = connectionOf(app, session);
    const unread = Object.keys(request.fields).find(
      (field) => !channel.proofFields.includes(field),
    );
    assertThat(
      unread === undefined,
      "PROOF_FIELD_NOT_FOR_TYPE",
      `${unread}: not taken for ${session.type} codes${channel.proofHint ? ` (${channel.proofHint})` : ""}`,
      { field: unread ?? "" },
    );
    await this.pace.assertWithin(scanToken, request.clientIp);
    const scanner = await channel.identifyScanner(app, connection, request);
    return { session, app, scanner };
  }

  /** The application's cross-device rules: a breach cancels the code, and the page sees why. */
  private async assertCrossDeviceRules(
    session: QRCodeSession,
    app: Application,
    phoneIp: string | undefined,
  ): Promise<void> {
    const breach = crossDeviceBreach(app, session, phoneIp, this.clock.now());
    if (breach) {
      await cancelForApplication(this.store, session.qrcodeId, breach.reason);
      throw new AppError(breach.error, breach.reason, { reason: breach.reason });
    }
  }

  /** The code's scan token, read from the code or found by the user code a person typed. */
  private async scanTokenOf(request: ScannerRequest): Promise<string> {
    if (request.userCode === undefined) {
      assertThat(
        request.scanToken !== undefined,
        "INVALID_INPUT",
        "scanToken: required (the token read from the code), or userCode (typed by a person)",
        { field: "scanToken" },
      );
      assertHandle("scanToken", request.scanToken);
      return request.scanToken;
    }
    assertThat(
      request.scanToken === undefined,
      "INVALID_INPUT",
      "give scanToken or userCode, not both",
      { field: "userCode" },
    );
    assertThat(
      request.appId,
      "APP_ID_REQUIRED",
      "a typed user code is looked up in its application: send x-app-id",
      { field: "x-app-id" },
    );
    return this.userCodes.scanTokenOf(request.userCode, request.appId, request.clientIp);
  }

  private assertScannedBy(session: QRCodeSession, scanner: ScannerIdentity, step: string): void {
    if (session.status !== "SCANNED" || session.scanner?.userId !== scanner.userId) {
      throw refusalFor(session, step);
    }
  }
}
