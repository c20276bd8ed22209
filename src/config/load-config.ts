import { createPrivateKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { extname } from "node:path";

import { parse as parseYaml } from "yaml";
import { type z } from "zod";

import { type Application } from "../qrcode/application";
import { BUILT_IN_CHANNELS } from "../qrcode/channels/built-in-channels";
import { type ChannelModule } from "../qrcode/channels/channel-module";
import { type AppLinks } from "./app-links-schema";
import { ConfigError, type Env } from "./config-error";
import { configFileSchema } from "./config-file.schema";
import { DEMO_APPLICATION } from "./demo-application";
import { jwkThumbprint } from "./jwk-thumbprint";
import { DEFAULT_MAX_CODES, parseLimits, type ServiceLimits, wholeNumber } from "./limits";
import { assertProductionReady } from "./production-guard";
import { parseRedis, type RedisConfig } from "./redis-config";
import { parseTrustProxy, type TrustProxy } from "./trust-proxy";

export { ConfigError, type Env } from "./config-error";

export interface ServiceConfig {
  readonly port: number;
  readonly host: string;
  /** Base of every link this service prints (image URLs, scan URLs), without a trailing slash. */
  readonly publicUrl: string;
  readonly logLevel: string;
  readonly production: boolean;
  /** Which proxies' `X-Forwarded-For` entries are believed for the client IP (`TRUST_PROXY`). */
  readonly trustProxy: TrustProxy;
  /** Where the applications came from: a file path, or "demo". */
  readonly source: string;
  readonly applications: readonly Application[];
  /** The shared store of many replicas; absent: this process's memory. */
  readonly redis?: RedisConfig;
  /** The most codes the memory store holds at once (`MEMORY_MAX_CODES`). */
  readonly memoryMaxCodes: number;
  readonly limits: ServiceLimits;
  /** Operations executed by graphql-jit once seen (`GRAPHQL_JIT`); off: graphql-js only. */
  readonly graphqlJit: boolean;
  /** Schema introspection (and "Did you mean" suggestions): on outside production by default. */
  readonly introspection: boolean;
  /** The home page, `/demo/login` and `/demo/app` (`DEMO_PAGES`): on with the demo application. */
  readonly demoPages: boolean;
  /** Shared with the federation gateway (`x-gateway-secret`): only it gets inline traces
   * (ftv1) and unpaced entity lookups. Absent: nobody does. */
  readonly gatewaySecret?: string;
  /** Sign issued tokens, each from its `activeFrom`; absent in the demo, where an ephemeral
   * key is made at start. */
  readonly signingKeys?: readonly SigningKeyConfig[];
  /** A key activating sooner than this after start is warned about. */
  readonly signingKeyPublishAheadSeconds?: number;
  /** On SIGTERM, how long `/readyz` answers 503 while everything is still served, before the
   * sockets close (`SHUTDOWN_DRAIN_MS`); absent: no drain (tests). */
  readonly shutdownDrainMs?: number;
  /** Where `/metrics` listens; absent when `METRICS_PORT=0`. */
  readonly metrics?: MetricsConfig;
  readonly wechat: WeChatApiConfig;
  /** The company's apps the scan link opens; absent: no well-known files are served. */
  readonly appLinks?: AppLinks;
}

/** Where WeChat's API is (`WECHAT_API_BASE_URL`: WeChat, or a fake in tests and dev) and how
 * long a call to it may take (`WECHAT_TIMEOUT_MS`). */
export interface WeChatApiConfig {
  readonly baseUrl: string;
  readonly timeoutMs: number;
}

export interface MetricsConfig {
  readonly port: number;
  readonly host: string;
}

export interface SigningKeyConfig {
  readonly kid: string;
  readonly privateKeyPem: string;
  /** Epoch ms from which it signs (0: always, the one-key form). */
  readonly activeFrom: number;
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

/** Reads the environment and the config file once, at start, into readonly values. */
export function loadConfig(
  env: Env = process.env,
  channels: readonly ChannelModule[] = BUILT_IN_CHANNELS,
): ServiceConfig {
  const port = parsePort(env.PORT);
  const metrics = parseMetrics(env, port);
  const logLevel = env.LOG_LEVEL ?? "info";
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL: must be one of ${LOG_LEVELS.join(", ")}, got "${logLevel}"`);
  }
  const configPath = env.QR_CONFIG;
  const file = configPath ? readConfigFile(configPath, env, channels) : undefined;
  const production = env.NODE_ENV === "production";
  if (production) {
    assertProductionReady({
      source: configPath ?? "unset",
      publicUrlSet: Boolean(env.PUBLIC_URL),
      signingKeySet: file?.signingKeys !== undefined,
    });
  }
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    metrics,
    publicUrl: parsePublicUrl(env.PUBLIC_URL, port),
    logLevel,
    production,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    source: configPath ?? "demo",
    applications: file?.applications ?? [DEMO_APPLICATION],
    signingKeys: file?.signingKeys,
    signingKeyPublishAheadSeconds: file?.signingKeyPublishAheadSeconds,
    redis: parseRedis(env),
    memoryMaxCodes: wholeNumber(env, "MEMORY_MAX_CODES", DEFAULT_MAX_CODES),
    shutdownDrainMs: wholeNumber(env, "SHUTDOWN_DRAIN_MS", 5000, 0),
    limits: parseLimits(env),
    introspection: parseIntrospection(env),
    demoPages: parseSwitch("DEMO_PAGES", env.DEMO_PAGES, configPath === undefined),
    graphqlJit: parseSwitch("GRAPHQL_JIT", env.GRAPHQL_JIT, true),
    gatewaySecret: parseGatewaySecret(env.GATEWAY_SECRET),
    wechat: parseWeChatApi(env),
    appLinks: file?.appLinks,
  };
}

function parseWeChatApi(env: Env): WeChatApiConfig {
  const baseUrl = env.WECHAT_API_BASE_URL || "https://api.weixin.qq.com";
  if (!/^https?:\/\/[^/\s]+\/?$/.test(baseUrl)) {
    throw new ConfigError(
      `WECHAT_API_BASE_URL: must be an origin like https://api.weixin.qq.com, got "${baseUrl}"`,
    );
  }
  const timeoutMs = wholeNumber(env, "WECHAT_TIMEOUT_MS", 3000);
  if (timeoutMs < 100 || timeoutMs > 10_000) {
    throw new ConfigError("WECHAT_TIMEOUT_MS: must be 100 to 10000");
  }
  return { baseUrl: baseUrl.replace(/\/$/, ""), timeoutMs };
}

function parseIntrospection(env: Env): boolean {
  return parseSwitch(
    "GRAPHQL_INTROSPECTION",
    env.GRAPHQL_INTROSPECTION,
    env.NODE_ENV !== "production",
  );
}

function parseSwitch(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === "") {
    return fallback;
  }
  if (raw !== "true" && raw !== "false") {
    throw new ConfigError(`${name}: must be true or false, got "${raw}"`);
  }
  return raw === "true";
}

function parseGatewaySecret(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === "") {
    return undefined;
  }
  if (Buffer.byteLength(raw) < 32) {
    throw new ConfigError("GATEWAY_SECRET: must be at least 32 bytes");
  }
  return raw;
}

function parsePort(raw: string | undefined, name = "PORT", otherwise = 4000): number {
  if (raw === undefined || raw === "") {
    return otherwise;
  }
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${name}: must be a whole number from 0 to 65535, got "${raw}"`);
  }
  return port;
}

/** Prometheus metrics on a port of their own; `METRICS_PORT=0` turns them off. */
function parseMetrics(env: Env, port: number): MetricsConfig | undefined {
  const metricsPort = parsePort(env.METRICS_PORT, "METRICS_PORT", 9464);
  if (metricsPort === 0) {
    return undefined;
  }
  if (metricsPort === port) {
    throw new ConfigError(
      `METRICS_PORT: must differ from PORT (${port}): metrics never share the public port`,
    );
  }
  return { port: metricsPort, host: env.METRICS_HOST || "0.0.0.0" };
}

function parsePublicUrl(raw: string | undefined, port: number): string {
  if (!raw) {
    return `http://localhost:${port}`;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`PUBLIC_URL: must be an absolute http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(`PUBLIC_URL: must use http or https, got "${url.protocol}"`);
  }
  return raw.replace(/\/+$/, "");
}

function readConfigFile(
  path: string,
  env: Env,
  channels: readonly ChannelModule[],
): {
  applications: Application[];
  signingKeys?: SigningKeyConfig[];
  signingKeyPublishAheadSeconds: number;
  appLinks?: AppLinks;
} {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigError(
      `QR_CONFIG: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? "error"})`,
    );
  }
  let raw: unknown;
  try {
    raw = extname(path) === ".json" ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError(
      `${path}: not valid ${extname(path) === ".json" ? "JSON" : "YAML"}: ${(error as Error).message}`,
    );
  }
  const result = configFileSchema(env, channels).safeParse(raw);
  if (!result.success) {
    throw new ConfigError(`${path}: invalid configuration\n${formatIssues(result.error.issues)}`);
  }
  const { applications, signingKey, signingKeys, signingKeyPublishAheadSeconds, appLinks } =
    result.data;
  return {
    applications,
    appLinks,
    signingKeys: signingKey
      ? [
          {
            kid: signingKey.kid,
            privateKeyPem: checkedSigningKey(path, "signingKey", signingKey.privateKey),
            activeFrom: 0,
          },
        ]
      : signingKeys && checkedRotation(path, signingKeys),
    signingKeyPublishAheadSeconds,
  };
}

/** Every key P-256, each kid once, and one key active now (or nothing could sign). */
function checkedRotation(
  path: string,
  keys: readonly { kid?: string; privateKey: string; activeFrom: string }[],
): SigningKeyConfig[] {
  const checked = keys.map((key, index) => {
    const privateKeyPem = checkedSigningKey(path, `signingKeys.${index}`, key.privateKey);
    return {
      kid: key.kid ?? jwkThumbprint(privateKeyPem),
      privateKeyPem,
      activeFrom: Date.parse(key.activeFrom),
    };
  });
  const kids = new Set<string>();
  for (const { kid } of checked) {
    if (kids.has(kid)) {
      throw new ConfigError(`${path}: signingKeys: two keys have the kid "${kid}"`);
    }
    kids.add(kid);
  }
  if (!checked.some((key) => key.activeFrom <= Date.now())) {
    throw new ConfigError(
      `${path}: signingKeys: no key is active yet (every activeFrom is in the future), so nothing could sign`,
    );
  }
  return checked;
}

/** Refuses at start what would fail at the first login: tokens are ES256, so P-256 only. */
function checkedSigningKey(path: string, field: string, pem: string): string {
  let curve: string | undefined;
  try {
    curve = createPrivateKey(pem).asymmetricKeyDetails?.namedCurve;
  } catch {
    throw new ConfigError(`${path}: ${field}.privateKey: not a PEM private key`);
  }
  if (curve !== "prime256v1") {
    throw new ConfigError(
      `${path}: ${field}.privateKey: must be an EC P-256 key for ES256, got ${curve ?? "another key type"}`,
    );
  }
  return pem;
}

function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => `  - ${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`)
    .join("\n");
}
