import { isAppError } from "../../../errors/app-error";
import { type ErrorName } from "../../../errors/error-table";
import { type Connection } from "../../application";
import { type LoginApproval } from "../../login-approval";
import { type SessionStore } from "../../ports/session-store.port";
import { type SharedCache } from "../../ports/shared-cache.port";
import { type WeChatOfficialAccount } from "../../ports/wechat-official-account.port";
import { type ScannerIdentity } from "../../qrcode.types";
import { type ApplicationDirectory } from "../../resolve-caller";
import { wechatAccount, wechatUserId } from "../wechat-user";
import {
  type OfficialAccountSettings,
  officialAccountSettingsOf,
} from "./official-account-settings";
import { officialAccountModule } from "./wechat-official-account.module";

/** An official account's event, as its callback read it (after signature and decryption). */
export interface OfficialAccountEvent {
  /** The person's openid for this account. */
  readonly fromUser: string;
  readonly createTime: string;
  readonly msgType: string;
  readonly event: string;
  readonly eventKey: string;
}

/** What the callback answers WeChat: nothing to show, or a text for the person. */
export type EventAnswer = { readonly reply?: string };

/** WeChat retries a push it got no answer to; the same answer is kept this long. */
const ANSWER_MEMORY_MS = 10 * 60 * 1000;
/** How long one delivery may hold an event before another may take it over. */
const EVENT_LOCK_MS = 30 * 1000;
const SUBSCRIBE_PREFIX = "qrscene_";
const LOGIN_REFUSALS: ReadonlySet<ErrorName> = new Set(["LOGIN_DENIED", "LOGIN_HOOK_FAILED"]);

/**
 * Logins by an official account's events: `SCAN` (a follower scanned) or `subscribe` with a
 * `qrscene_` key (the scan made them follow). WeChat delivers at least once, on any replica:
 * a repeated event gets the first delivery's answer, and the status transitions stay
 * compare-and-set, so a login happens once.
 */
export class OfficialAccountEvents {
  private readonly connections: ReadonlyMap<string, Connection>;

  constructor(
    applications: ApplicationDirectory,
    private readonly sessions: Pick<SessionStore, "findByScanToken">,
    private readonly approval: Pick<LoginApproval, "loginByEvent">,
    private readonly wechat: WeChatOfficialAccount,
    private readonly cache: SharedCache,
  ) {
    this.connections = new Map(
      [...applications.values()].flatMap((app) =>
        app.connections
          .filter((connection) => connection.type === officialAccountModule.type)
          .map((connection) => [connection.id, connection] as const),
      ),
    );
  }

  /** The official account connection behind a callback URL, with its settings, if there is one. */
  officialAccount(
    connectionId: string,
  ): { readonly connection: Connection; readonly settings: OfficialAccountSettings } | undefined {
    const connection = this.connections.get(connectionId);
    return connection && { connection, settings: officialAccountSettingsOf(connection) };
  }

  async handle(connection: Connection, event: OfficialAccountEvent): Promise<EventAnswer> {
    const scene = loginScene(event);
    if (scene === null) {
      return {}; // a plain follow, a message, any other event: acknowledged, nothing changes
    }
    // One lookup settles the scenes a busy account receives all day (old, unknown, others').
    const code = await this.sessions.findByScanToken(scene);
    if (!code || code.connectionId !== connection.id) {
      return {};
    }
    const key = `wechat-event:${connection.id}:${event.fromUser}:${event.createTime}:${event.event}:${event.eventKey}`;
    const answered = await this.cache.get(`${key}:answer`);
    if (answered !== null) {
      return JSON.parse(answered) as EventAnswer;
    }
    const lock = await this.cache.tryLock(key, EVENT_LOCK_MS);
    if (!lock) {
      return {}; // another delivery of this event is at work; its answer is the one that counts
    }
    try {
      const answer = await this.login(connection, scene, event.fromUser);
      await this.cache.set(`${key}:answer`, JSON.stringify(answer), ANSWER_MEMORY_MS);
      return answer;
    } finally {
      await this.cache.unlock(key, lock);
    }
  }

  private async login(
    connection: Connection,
    scanToken: string,
    openid: string,
  ): Promise<EventAnswer> {
    const { wechat, officialAccount } = officialAccountSettingsOf(connection);
    const unionid = officialAccount.openPlatform
      ? await this.wechat.unionIdOf(wechat, openid)
      : undefined;
    const identity = { appId: wechat.appId, openid, ...(unionid ? { unionid } : {}) };
    const scanner: ScannerIdentity = {
      userId: wechatUserId(identity),
      linked: wechatAccount(identity),
    };
    try {
      const loggedIn = await this.approval.loginByEvent(scanToken, connection.id, scanner);
      return loggedIn ? { reply: officialAccount.loginReply } : {};
    } catch (error) {
      // A denying or failing login hook has cancelled the code; WeChat is told nothing more.
      if (isAppError(error) && LOGIN_REFUSALS.has(error.errorName)) {
        return {};
      }
      throw error;
    }
  }
}

/** The scan token an event carries, or null when it is not a login scan. */
function loginScene(event: OfficialAccountEvent): string | null {
  if (event.msgType.toLowerCase() !== "event") {
    return null;
  }
  const kind = event.event.toLowerCase();
  if (kind === "scan") {
    return event.eventKey || null;
  }
  if (kind === "subscribe" && event.eventKey.startsWith(SUBSCRIBE_PREFIX)) {
    // Exactly one prefix: a scene may itself start with the same letters.
    return event.eventKey.slice(SUBSCRIBE_PREFIX.length) || null;
  }
  return null;
}
