/**
 * An async iterator fed by callbacks (store events, timers). Unlike an async generator, its
 * `return()` takes effect at once even while a consumer waits on `next()`: a subscription whose
 * socket closes releases its listener and timer immediately, not at the next event.
 */
export class PushIterator<T> implements AsyncIterableIterator<T> {
  private readonly buffered: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  /** No more pushes are taken; the stream ends once the buffer is read. */
  private finishing = false;
  private ended = false;

  constructor(private readonly whenEnded?: () => void) {}

  /** Runs once, when the stream ends (read to its end, or returned early). */
  protected onEnd(): void {
    this.whenEnded?.();
  }

  push(value: T): void {
    if (this.finishing || this.ended) {
      return;
    }
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value, done: false });
    } else {
      this.buffered.push(value);
    }
  }

  /** Ends the stream after the values already pushed have been read. */
  finish(): void {
    this.finishing = true;
    if (this.buffered.length === 0) {
      void this.return();
    }
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffered.length > 0) {
      const value = this.buffered.shift() as T;
      if (this.finishing && this.buffered.length === 0) {
        void this.return();
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.ended) {
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<T>> {
    if (!this.ended) {
      this.ended = true;
      this.buffered.length = 0;
      this.onEnd();
      this.waiting?.({ value: undefined, done: true });
      this.waiting = undefined;
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
