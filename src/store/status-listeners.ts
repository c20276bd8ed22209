import { type StatusListener, type Unsubscribe } from "../qrcode/ports/status-events.port";
import { type QRCodeSession } from "../qrcode/qrcode.types";

/** This process's subscribers of status changes, by code; every adapter delivers through one. */
export class StatusListeners {
  private readonly byCode = new Map<string, Set<StatusListener>>();

  add(qrcodeId: string, listener: StatusListener): Unsubscribe {
    let set = this.byCode.get(qrcodeId);
    if (!set) {
      set = new Set();
      this.byCode.set(qrcodeId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.byCode.get(qrcodeId) === set) {
        this.byCode.delete(qrcodeId);
      }
    };
  }

  deliver(session: QRCodeSession): void {
    this.byCode.get(session.qrcodeId)?.forEach((listener) => listener(session));
  }

  /** Whether someone here watches the code. */
  watches(qrcodeId: string): boolean {
    return this.byCode.has(qrcodeId);
  }

  /** The codes someone here is watching. */
  watched(): string[] {
    return [...this.byCode.keys()];
  }

  clear(): void {
    this.byCode.clear();
  }
}
