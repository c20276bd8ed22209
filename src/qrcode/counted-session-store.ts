import { type Clock } from "./clock";
import { type LoginMetrics } from "./ports/login-metrics.port";
import {
  type CompareAndSetResult,
  type ReleaseRoom,
  type SessionStore,
  type SessionUpdate,
} from "./ports/session-store.port";
import { type QRCodeSession, type QRCodeStatus } from "./qrcode.types";

/**
 * The session store as the services see it, counting each code made and each status change
 * that wins its compare-and-set: every transition passes here, whichever service makes it
 * (scanner calls, WeChat events, the login hook's refusal), so none can be missed or counted
 * twice.
 */
export class CountedSessionStore implements SessionStore {
  constructor(
    private readonly store: SessionStore,
    private readonly metrics: LoginMetrics,
    private readonly clock: Clock,
  ) {}

  holdRoom(appId: string, bytes: number): Promise<ReleaseRoom> {
    return this.store.holdRoom(appId, bytes);
  }

  async create(session: QRCodeSession, retainUntil: number): Promise<void> {
    await this.store.create(session, retainUntil);
    this.metrics.codeGenerated(session.type, session.appId);
  }

  findById(qrcodeId: string): Promise<QRCodeSession | null> {
    return this.store.findById(qrcodeId);
  }

  findByScanToken(scanToken: string): Promise<QRCodeSession | null> {
    return this.store.findByScanToken(scanToken);
  }

  async compareAndSetStatus(
    qrcodeId: string,
    expected: readonly QRCodeStatus[],
    update: SessionUpdate,
  ): Promise<CompareAndSetResult> {
    const result = await this.store.compareAndSetStatus(qrcodeId, expected, update);
    if (result.ok) {
      this.metrics.statusChanged(result.session, this.clock.now());
    }
    return result;
  }
}
