import {
  createSourceEventStream,
  execute,
  type ExecutionArgs,
  type ExecutionResult,
} from "graphql";

/**
 * graphql-js's `subscribe`, step for step (the source stream from the subscription field's
 * resolver, then `execute` with each event as the root value), with one small object per
 * subscription where graphql-js's `mapAsyncIterator` keeps seven closures and their context.
 * Tens of thousands of login pages wait at once, each on one subscription: that is memory each
 * of them holds (docs/capacity.md). Given to graphql-ws as its `subscribe`, a hook it offers.
 */
export async function leanSubscribe(
  args: ExecutionArgs,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  return Symbol.asyncIterator in source
    ? new ExecutedEvents(source[Symbol.asyncIterator](), args)
    : source;
}

const ended: IteratorResult<ExecutionResult> = { done: true, value: undefined };

class ExecutedEvents implements AsyncIterableIterator<ExecutionResult> {
  constructor(
    private readonly source: AsyncIterator<unknown>,
    private readonly args: ExecutionArgs,
  ) {}

  // Chained, not `async`: an async method is a suspended frame (a generator, its registers and
  // promises) for as long as the page waits, which is most of its life.
  next(): Promise<IteratorResult<ExecutionResult>> {
    return this.source.next().then((event) => (event.done ? ended : this.execute(event.value)));
  }

  private async execute(rootValue: unknown): Promise<IteratorResult<ExecutionResult>> {
    try {
      return { done: false, value: await execute({ ...this.args, rootValue }) };
    } catch (error) {
      await this.closeSource();
      throw error;
    }
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    await this.closeSource();
    return { done: true, value: undefined };
  }

  async throw(error: unknown): Promise<IteratorResult<ExecutionResult>> {
    await this.closeSource();
    throw error;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<ExecutionResult> {
    return this;
  }

  /** Ends the source, keeping the caller's own error if ending it fails too. */
  private async closeSource(): Promise<void> {
    await this.source.return?.().catch(() => undefined);
  }
}
