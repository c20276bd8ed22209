import { AppError } from "../errors/app-error";
import { type Application, type Connection } from "./application";
import { type ChannelRegistry } from "./channels/channel-registry";
import { type LoginHook, type LoginHookDecision } from "./ports/login-hook.port";
import { type SessionStore } from "./ports/session-store.port";
import { type QRCodeSession, type ScannerIdentity } from "./qrcode.types";
import { type ApplicationDirectory } from "./resolve-caller";
import { cancelForApplication, transitionOrRefuse } from "./status-refusal";
import { type TicketService } from "./ticket.service";

/**
 * The last step of every login, however the scanner proved itself: the application's login
 * hook, then the grant under a new ticket, then AUTHORIZED. A scanner's confirm comes here, and
 * so does a login a channel proves by itself (an official account's signed event).
 */
export class LoginApproval {
  constructor(
    private readonly store: SessionStore,
    private readonly applications: ApplicationDirectory,
    private readonly channels: ChannelRegistry,
    private readonly loginHook: LoginHook,
    private readonly tickets: Pick<TicketService, "issue">,
  ) {}

  /** Approves a SCANNED code for the scanner who scanned it. */
  async approve(
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
      await cancelForApplication(this.store, session.qrcodeId, decision.reason);
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
    return transitionOrRefuse(
      this.store,
      session,
      ["SCANNED"],
      { status: "AUTHORIZED", ticket, scanner },
      "confirm",
    );
  }

  /**
   * A login proven by the channel itself rather than by scanner calls (an official account's
   * signed event): scan and approve in one go. Answers null when the code is not (or no longer)
   * one this event can log in: an unknown or finished code, another connection's, another
   * type's.
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
      return this.approve(session, app, scanner);
    }
    const scanned = await this.store.compareAndSetStatus(session.qrcodeId, ["PENDING"], {
      status: "SCANNED",
      scanner,
    });
    if (!scanned.ok) {
      return null;
    }
    return this.approve(scanned.session, app, scanner);
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
      await cancelForApplication(
        this.store,
        session.qrcodeId,
        "the login hook could not approve this login",
      );
      throw error;
    }
  }
}

/** The connection a code was made through (none for a type without connections). */
export function connectionOf(app: Application, session: QRCodeSession): Connection | undefined {
  return app.connections.find((candidate) => candidate.id === session.connectionId);
}
