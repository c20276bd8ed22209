import { type FastifyInstance, type onResponseHookHandler } from "fastify";

import { type ServiceMetrics } from "../metrics/service-metrics";

/**
 * `http_request_duration_seconds` for every answered request of a route, by the route's pattern
 * (image and scan URLs carry tokens: the pattern keeps them out, and the label's values
 * bounded), and the refusals of every route (`sendAppError` reads `http.metrics`). Each route
 * gets its own hook that knows its pattern: reading `request.routeOptions` builds an object per
 * request, which cost 8 % of generateQRCode's throughput (BENCH_ONLY=metrics). Must run before
 * any route is added; a request no route matches (404) is not timed.
 */
export function registerHttpMetrics(http: FastifyInstance, metrics: ServiceMetrics): void {
  http.decorate("metrics", metrics);
  http.addHook("onRoute", (route) => {
    const pattern = route.url ?? route.path;
    const timed: onResponseHookHandler = (request, reply, done) => {
      metrics.httpRequest(request.method, pattern, reply.statusCode, reply.elapsedTime / 1000);
      done();
    };
    route.onResponse = [timed, ...asList(route.onResponse)];
  });
}

function asList<T>(hooks: T | T[] | undefined): T[] {
  return hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks];
}
