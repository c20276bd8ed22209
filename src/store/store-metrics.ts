import { type ServiceMetrics } from "../metrics/service-metrics";

/** What the store adapters count: their failures, and the status events they receive. */
export type StoreMetrics = Pick<ServiceMetrics, "storeError" | "statusEventReceived">;
