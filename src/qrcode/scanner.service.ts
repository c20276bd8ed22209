import { AppError, assertThat } from "../errors/app-error";
import { type Application, type Connection } from "./application";
import { type ChannelRegistry } from "./channels/channel-registry";
import { type ScannerProof } from "./channels/qr-channel";
import { type Clock } from "./clock";
import { crossDeviceBreach } from "./cross-device-policy";
import { type UserCodeLookup } from "./device/user-code-lookup";
import { assertHandle } from "./handles";
import { type LoginHook, type LoginHookDecision } from "./ports/login-hook.port";
import { type SessionStore, type SessionUpdate } from "./ports/session-store.port";
import {
  OPEN_STATUSES,
  type QRCodeSession,
  type QRCodeStatus,
  type ScannerIdentity,
} from "./qrcode.types";
import { type ApplicationDirectory } from "./resolve-caller";
import { type ScanView, scanView } from "./scan-card";

export { type ScanView } from "./scan-card";
import { type ScannerPace } from "./scanner-pace";
import { refusalFor } from "./status-refusal";
import { type TicketService } from "./ticket.service";

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
 * The scanner's side of a login: scan, confirm, cancel. Every transition is a compare-and-set in
 * the store, so two scanners, or a scan racing an expiry, can never both win.
 */
export class ScannerService {
  constructor(
    private readonly store: SessionStore,
    private readonly applications: ApplicationDirectory,
    private readonly channels: ChannelRegistry,
    private readonly loginHook: LoginHook,
    private readonly tickets: Pick<TicketService, "issue">,
    private readonly pace: Pick<ScannerPace, "assertWithin">,
    private readonly userCodes: Pick<UserCodeLookup, "scanTokenOf">,
    private readonly clock: Clock,
  ) {}

  async scan(request: ScannerRequest): Promise<ScanView> {
    const { session, app, scanner } = await this.open(request);
    if (session.status === "SCANNED" && session.scanner?.userId === scanner.userId) {
      return scanView(session, app, request.clientIp, this.clock.now());
    }
    const scanned = await this.transition(
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
      await this.authorize(session, app, scanner),
      app,
      request.clientIp,
      this.clock.now(),
    );
  }

  /**
   * A login proven by the channel itself rather than by scanner calls (an official account's
   * signed event): scan and confirm in one go, with the login hook between them, as in every
   * login. Answers null when the code is not (or no longer) one this event can log in: an
   * unknown or finished code, another connection's, another type's.
   */
  async loginByEvent(
    scanToken: string,
    connectionId: string,
    scanner: ScannerIdentity,
  ): Promise<QRCodeSession | null> {
    const session = await this.store.findByScanToken(scanToken);
    const app = session && this.applications.get(session.appId);
    if (!session || !app || session.connectionId !== connectionId) {
      return null;
    }
    // A code this same person already scanned resumes, as a confirm does: WeChat redelivers
    // an event whose first delivery was cut off (a store fault) after SCANNED was written.
    if (session.status === "SCANNED" && session.scanner?.userId === scanner.userId) {
      return this.authorize(session, app, scanner);
    }
    const scanned = await this.store.compareAndSetStatus(session.qrcodeId, ["PENDING"], {
      status: "SCANNED",
      scanner,
    });
    if (!scanned.ok) {
      return null;
    }
    return this.authorize(scanned.session, app, scanner);
  }

  /** The login hook, then the grant under a new ticket, then AUTHORIZED. */
  private async authorize(
    session: QRCodeSession,
    app: Application,
    proven: ScannerIdentity,
  ): Promise<QRCodeSession> {
    const scanner: ScannerIdentity = {
      ...proven,
      displayName:
        proven.displayName ?? this.channels.require(session.type, "scanToken").anonymousName,
    };
    const decision = await this.askLoginHook(app, session, scanner);
    if (!decision.allow) {
      await this.store.compareAndSetStatus(session.qrcodeId, ["SCANNED"], {
        status: "CANCELLED",
        cancelReason: decision.reason,
      });
      throw new AppError("LOGIN_DENIED", `the login was denied: ${decision.reason}`, {
        reason: decision.reason,
      });
    }

    // The grant is stored before the status says AUTHORIZED, so a page that exchanges the
    // ticket the instant it sees it always finds the grant.
    const ticket = await this.tickets.issue(app, {
      qrcodeId: session.qrcodeId,
      userId: scanner.userId,
      displayName: scanner.displayName,
      photo: scanner.photo,
      customData: session.customData,
      connectionId: session.connectionId,
      claims: decision.claims,
    });
    // The profile the confirm brought is the one the page shows (briefUserInfo), as the ID
    // token carries it.
    return this.transition(
      session,
      ["SCANNED"],
      { status: "AUTHORIZED", ticket, scanner },
      "confirm",
    );
  }

  async cancel(request: ScannerRequest): Promise<ScanView> {
    const { session, app, scanner } = await this.open(request);
    if (session.status === "SCANNED") {
      this.assertScannedBy(session, scanner, "cancel");
    }
    const cancelled = await this.transition(
      session,
      OPEN_STATUSES,
      {
        status: "CANCELLED",
        cancelReason: "cancelled by the scanner",
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
      await this.store.compareAndSetStatus(session.qrcodeId, ["SCANNED"], {
        status: "CANCELLED",
        cancelReason: breach.reason,
      });
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

  private async transition(
    session: QRCodeSession,
    expected: readonly QRCodeStatus[],
    update: SessionUpdate,
    step: string,
  ): Promise<QRCodeSession> {
    const result = await this.store.compareAndSetStatus(session.qrcodeId, expected, update);
    if (!result.ok) {
      throw refusalFor(result.current, step);
    }
    return result.session;
  }

  /** No hook configured means allow; a failing hook throws and the code is cancelled. */
  private async askLoginHook(
    app: Application,
    session: QRCodeSession,
    scanner: ScannerIdentity,
  ): Promise<LoginHookDecision> {
    if (!app.loginHook) {
      return { allow: true, claims: {} };
    }
    const connection = connectionOf(app, session);
    try {
      return await this.loginHook.ask(app.loginHook, {
        appId: app.appId,
        type: session.type,
        user: {
          id: scanner.userId,
          displayName: scanner.displayName,
          photo: scanner.photo,
          ...(scanner.linked ? { [scanner.linked.provider]: scanner.linked.ids } : {}),
        },
        connection: connection ? { id: connection.id, type: connection.type } : null,
        context: session.context ?? {},
        request: session.request,
      });
    } catch (error) {
      await this.store.compareAndSetStatus(session.qrcodeId, ["SCANNED"], {
        status: "CANCELLED",
        cancelReason: "the login hook could not approve this login",
      });
      throw error;
    }
  }
}

function connectionOf(app: Application, session: QRCodeSession): Connection | undefined {
  return app.connections.find((candidate) => candidate.id === session.connectionId);
}
