import { type StatusListener, type Unsubscribe } from "../qrcode/ports/status-events.port";
import { type QRCodeSession } from "../qrcode/qrcode.types";

/**
 * This process's subscribers of status changes, by code; every adapter delivers through one.
 * A code has one listener or a few (a page open in several tabs, at most the per-code cap), so
 * each holds a small array, replaced rather than changed: a delivery walks the array it
 * started with while listeners leave. A `Set` would cost every waiting page about 150 bytes.
 */
export class StatusListeners {
  private readonly byCode = new Map<string, readonly StatusListener[]>();

  add(qrcodeId: string, listener: StatusListener): Unsubscribe {
    // `concat` and a literal make arrays of the exact length; a spread grows one by pushes.
    const others = this.byCode.get(qrcodeId);
    this.byCode.set(qrcodeId, others ? others.concat(listener) : [listener]);
    return () => this.remove(qrcodeId, listener);
  }

  deliver(session: QRCodeSession): void {
    for (const listener of this.byCode.get(session.qrcodeId) ?? []) {
      listener(session);
    }
  }

  private remove(qrcodeId: string, listener: StatusListener): void {
    const left = this.byCode.get(qrcodeId)?.filter((other) => other !== listener) ?? [];
    if (left.length > 0) {
      this.byCode.set(qrcodeId, left);
    } else {
      this.byCode.delete(qrcodeId);
    }
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
