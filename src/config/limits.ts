import { getHeapStatistics } from "node:v8";

import { type GenerateLimit } from "../qrcode/application";
import { type ScannerLimit } from "../qrcode/scanner-pace";
import { ConfigError, type Env } from "./config-error";

/** What one client, or all of them, may hold of this process; each refusal has its apiCode. */
export interface ServiceLimits {
  /** Estimated heap the memory store may fill with codes, tickets and users (`MEMORY_MAX_BYTES`). */
  readonly memoryMaxBytes: number;
  /** Codes one client address may generate for one application, unless the application sets
   * its own `generateLimit` (`GENERATE_LIMIT`, `<codes>/<seconds>`). */
  readonly generateLimit: GenerateLimit;
  /** Scanner calls per client address and per code (`SCANNER_LIMIT`,
   * `<per address>,<per code>/<seconds>`), counted before WeChat is asked. */
  readonly scannerLimit: ScannerLimit;
  readonly wsConnectionsPerAddress: number;
  /** How often every WebSocket is pinged; one that has not answered by the next ping is
   * dropped (`WS_PING_INTERVAL_MS`). */
  readonly wsPingIntervalMs: number;
  /** WebSockets of this process in all (`WS_MAX_CONNECTIONS`). */
  readonly wsMaxConnections: number;
  /** Subscriptions of this process in all (`WS_MAX_SUBSCRIPTIONS`). */
  readonly wsMaxSubscriptions: number;
  readonly subscriptionsPerConnection: number;
  /** Subscriptions to one code in this process (a login page open in a few tabs). */
  readonly subscriptionsPerCode: number;
  /** Events one official account's callback takes per window (`WECHAT_CALLBACK_LIMIT`), so a
   * flood of pushes cannot starve the logins. */
  readonly wechatCallbackLimit: GenerateLimit;
  /** How far a callback's timestamp may be from now (`WECHAT_CALLBACK_MAX_SKEW_SECONDS`). */
  readonly wechatCallbackMaxSkewSeconds: number;
  /** Seconds a device-flow client waits between token polls (`DEVICE_POLL_INTERVAL_SECONDS`,
   * RFC 8628's default 5); 0 answers no `slow_down` (clients are told 5). */
  readonly devicePollIntervalSeconds: number;
}

/** A third of the heap V8 allows this process: the rest is for requests, sockets and caches. */
const MEMORY_SHARE_OF_HEAP = 1 / 3;

/** What a waiting page's socket and subscription hold of the heap (docs/configuration.md, "Limits"). */
export const WEBSOCKET_BYTES = 16 * 1024;
export const SUBSCRIPTION_BYTES = 4 * 1024;

export function parseLimits(env: Env): ServiceLimits {
  const memoryMaxBytes = parseBytes(env.MEMORY_MAX_BYTES);
  // By default waiting pages may fill half the budget, so a flood of idle sockets leaves the
  // codes their half; each also counts in the budget while open.
  const halfBudget = Math.floor(memoryMaxBytes / 2);
  return {
    memoryMaxBytes,
    wsPingIntervalMs: wholeNumber(env, "WS_PING_INTERVAL_MS", 12_000),
    wsMaxConnections: wholeNumber(
      env,
      "WS_MAX_CONNECTIONS",
      Math.max(1, Math.floor(halfBudget / WEBSOCKET_BYTES)),
    ),
    wsMaxSubscriptions: wholeNumber(
      env,
      "WS_MAX_SUBSCRIPTIONS",
      Math.max(1, Math.floor(halfBudget / SUBSCRIPTION_BYTES)),
    ),
    generateLimit: parseRate("GENERATE_LIMIT", env.GENERATE_LIMIT, {
      perClientIp: 120,
      windowSeconds: 60,
    }),
    wechatCallbackLimit: parseRate("WECHAT_CALLBACK_LIMIT", env.WECHAT_CALLBACK_LIMIT, {
      perClientIp: 1000,
      windowSeconds: 1,
    }),
    scannerLimit: parseScannerLimit(env.SCANNER_LIMIT),
    wechatCallbackMaxSkewSeconds: wholeNumber(env, "WECHAT_CALLBACK_MAX_SKEW_SECONDS", 300),
    devicePollIntervalSeconds: wholeNumber(env, "DEVICE_POLL_INTERVAL_SECONDS", 5, 0),
    wsConnectionsPerAddress: wholeNumber(env, "WS_MAX_CONNECTIONS_PER_ADDRESS", 100),
    subscriptionsPerConnection: wholeNumber(env, "WS_MAX_SUBSCRIPTIONS_PER_CONNECTION", 20),
    subscriptionsPerCode: wholeNumber(env, "MAX_SUBSCRIPTIONS_PER_CODE", 10),
  };
}

export function wholeNumber(env: Env, name: string, fallback: number, least = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === "") {
    return fallback;
  }
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < least) {
    throw new ConfigError(`${name}: must be a whole number of at least ${least}, got "${raw}"`);
  }
  return value;
}

const UNITS: Record<string, number> = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

function parseBytes(raw: string | undefined): number {
  if (raw === undefined || raw === "") {
    return Math.floor(getHeapStatistics().heap_size_limit * MEMORY_SHARE_OF_HEAP);
  }
  const match = /^(\d+)\s*([kmg]?)(?:i?b)?$/i.exec(raw.trim());
  const bytes = match ? Number(match[1]) * (UNITS[(match[2] ?? "").toLowerCase()] ?? 1) : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1024 * 1024) {
    throw new ConfigError(
      `MEMORY_MAX_BYTES: must be a size of at least 1MiB (e.g. 268435456 or 256MiB), got "${raw}"`,
    );
  }
  return bytes;
}

function parseRate(name: string, raw: string | undefined, fallback: GenerateLimit): GenerateLimit {
  if (raw === undefined || raw === "") {
    return fallback;
  }
  const match = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const [perClientIp, windowSeconds] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!(perClientIp >= 1 && windowSeconds >= 1 && windowSeconds <= 86_400)) {
    throw new ConfigError(
      `${name}: must be <count>/<seconds>, e.g. 120/60 (a window of 1 to 86400 s), got "${raw}"`,
    );
  }
  return { perClientIp, windowSeconds };
}

const DEFAULT_SCANNER_LIMIT: ScannerLimit = { perAddress: 3000, perCode: 30, windowSeconds: 60 };

function parseScannerLimit(raw: string | undefined): ScannerLimit {
  if (raw === undefined || raw === "") {
    return DEFAULT_SCANNER_LIMIT;
  }
  const match = /^(\d+),(\d+)\/(\d+)$/.exec(raw.trim());
  const [perAddress, perCode, windowSeconds] = match
    ? [Number(match[1]), Number(match[2]), Number(match[3])]
    : [0, 0, 0];
  if (!(perAddress >= 1 && perCode >= 1 && windowSeconds >= 1 && windowSeconds <= 86_400)) {
    throw new ConfigError(
      `SCANNER_LIMIT: must be <per address>,<per code>/<seconds>, e.g. 3000,30/60, got "${raw}"`,
    );
  }
  return { perAddress, perCode, windowSeconds };
}

/** A bound on the count as well as the bytes, for operators who think in codes. */
export const DEFAULT_MAX_CODES = 1_000_000;
