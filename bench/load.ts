import autocannon from "autocannon";

export interface LoadResult {
  readonly rps: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly requests: number;
}

export type LoadOptions = autocannon.Options;

/** One autocannon run; resolves to the figures the report prints. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({ connections: 50, ...options });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    requests: result.requests.total,
  };
}
