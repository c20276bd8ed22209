import { createPublicKey } from "node:crypto";

import { z } from "zod";

import {
  DEFAULT_LOGIN_HOOK_TIMEOUT_MS,
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_QR_CODE_LIFETIME_SECONDS,
  DEFAULT_SCAN_URL_TEMPLATE,
  DEFAULT_TICKET_LIFETIME_SECONDS,
  DEFAULT_TOKEN_LIFETIME_SECONDS,
} from "../qrcode/application";
import { BUILT_IN_CHANNELS } from "../qrcode/channels/built-in-channels";
import { type ChannelModule } from "../qrcode/channels/channel-module";
import { appLinksSchema } from "./app-links-schema";
import { type Env } from "./config-error";
import {
  applicationRuleOfChannels,
  connectionSchema,
  identifier,
  rejectSharedIds,
} from "./connection-schema";
import { secretFromEnv } from "./secret-ref";

const origin = z
  .string()
  .refine(
    (value) => value === "*" || /^https?:\/\/[^/\s]+$/.test(value),
    "must be '*' or an origin like https://login.example.com (no path)",
  );

const httpUrl = z.url({ protocol: /^https?$/ });

/** Exactly one way to check the scanner's tokens: a shared secret, a PEM public key, or JWKS. */
function appTokensSchema(env: Env) {
  return z
    .strictObject({
      issuer: z.string().min(1),
      audience: z.string().min(1),
      secret: secretFromEnv(env).optional(),
      publicKey: secretFromEnv(env).optional(),
      jwksUrl: httpUrl.optional(),
    })
    .superRefine((tokens, ctx) => {
      const given = [tokens.secret, tokens.publicKey, tokens.jwksUrl].filter(Boolean).length;
      if (given !== 1) {
        ctx.addIssue({ code: "custom", message: "give exactly one of secret, publicKey, jwksUrl" });
      }
      if (tokens.publicKey !== undefined && !isPublicKeyPem(tokens.publicKey)) {
        ctx.addIssue({ code: "custom", message: "not a PEM public key", path: ["publicKey"] });
      }
      if (tokens.secret !== undefined && Buffer.byteLength(tokens.secret) < 32) {
        ctx.addIssue({ code: "custom", message: "must be at least 32 bytes", path: ["secret"] });
      }
    })
    .transform(({ issuer, audience, secret, publicKey, jwksUrl }) => ({
      issuer,
      audience,
      key:
        secret !== undefined
          ? { kind: "secret" as const, secret }
          : publicKey !== undefined
            ? { kind: "publicKey" as const, pem: publicKey }
            : { kind: "jwks" as const, url: jwksUrl ?? "" },
    }));
}

function isPublicKeyPem(pem: string): boolean {
  try {
    createPublicKey(pem);
    return true;
  } catch {
    return false;
  }
}

function loginHookSchema(env: Env) {
  return z.strictObject({
    url: httpUrl,
    secret: secretFromEnv(env),
    timeoutMs: z.number().int().min(100).max(10_000).default(DEFAULT_LOGIN_HOOK_TIMEOUT_MS),
  });
}

function applicationSchema(env: Env, channels: readonly ChannelModule[]) {
  return z
    .strictObject({
      appId: identifier,
      name: z.string().min(1).max(100),
      allowedOrigins: z.array(origin).default(["*"]),
      qrCodeLifetimeSeconds: z
        .number()
        .int()
        .min(10)
        .max(3600)
        .default(DEFAULT_QR_CODE_LIFETIME_SECONDS),
      scanUrlTemplate: z
        .string()
        .refine((value) => value.includes("{scanToken}"), "must contain {scanToken}")
        .default(DEFAULT_SCAN_URL_TEMPLATE),
      connections: z
        .array(connectionSchema(env, channels))
        .default([])
        .superRefine((connections, ctx) => rejectDuplicates(connections, "id", ctx)),
      appTokens: appTokensSchema(env).optional(),
      ticketLifetimeSeconds: z
        .number()
        .int()
        .min(5)
        .max(600)
        .default(DEFAULT_TICKET_LIFETIME_SECONDS),
      pollIntervalMs: z.number().int().min(100).max(60_000).default(DEFAULT_POLL_INTERVAL_MS),
      tokenLifetimeSeconds: z
        .number()
        .int()
        .min(60)
        .max(86_400)
        .default(DEFAULT_TOKEN_LIFETIME_SECONDS),
      confidential: z.boolean().default(false),
      clientSecret: secretFromEnv(env).optional(),
      loginHook: loginHookSchema(env).optional(),
      crossDevice: z
        .strictObject({
          requireSameNetwork: z.boolean().default(false),
          maxCodeAgeSeconds: z.number().int().min(5).max(3600).optional(),
        })
        .optional(),
      generateLimit: z
        .strictObject({
          perClientIp: z.number().int().min(1).max(100_000),
          windowSeconds: z.number().int().min(1).max(86_400),
        })
        .optional(),
    })
    .superRefine((app, ctx) => {
      applicationRuleOfChannels(app, channels, ctx);
      if (app.clientSecret !== undefined && Buffer.byteLength(app.clientSecret) < 32) {
        ctx.addIssue({
          code: "custom",
          message:
            "must be at least 32 bytes (a guessable secret gives the application's logins away)",
          path: ["clientSecret"],
        });
      }
      if (app.confidential && !app.clientSecret) {
        ctx.addIssue({
          code: "custom",
          message: "required when confidential is true",
          path: ["clientSecret"],
        });
      }
    })
    .transform(({ confidential, clientSecret, ...app }) =>
      confidential ? { ...app, clientSecret } : app,
    );
}

function rejectDuplicates<K extends string>(
  items: readonly Record<K, string>[],
  key: K,
  ctx: z.RefinementCtx,
): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item[key])) {
      ctx.addIssue({
        code: "custom",
        message: `duplicate ${key} ${item[key]}`,
        path: [index, key],
      });
    }
    seen.add(item[key]);
  });
}

function signingKeySchema(env: Env) {
  return z.strictObject({
    kid: identifier,
    privateKey: secretFromEnv(env),
  });
}

/** One key of a rotation: it signs from `activeFrom`, and is published from the start. */
function rotatingKeySchema(env: Env) {
  return z.strictObject({
    /** Defaults to the key's RFC 7638 thumbprint. */
    kid: identifier.optional(),
    privateKey: secretFromEnv(env),
    activeFrom: z.iso.datetime({ offset: true, message: "must be an ISO 8601 time with a zone" }),
  });
}

export function configFileSchema(env: Env, channels: readonly ChannelModule[] = BUILT_IN_CHANNELS) {
  return z
    .strictObject({
      /** The ES256 key that signs the tokens this service issues (PKCS#8 PEM). */
      signingKey: signingKeySchema(env).optional(),
      /** Keys by time (the rotation form): the one with the latest `activeFrom` not in the future
       * signs; see docs/operations.md, "Rotate signing keys". */
      signingKeys: z.array(rotatingKeySchema(env)).min(1, "must list at least one key").optional(),
      /** A key activating sooner than this after start is warned about (verifiers cache JWKS). */
      signingKeyPublishAheadSeconds: z.number().int().min(0).default(3600),
      /** The company's apps that the scan link opens (universal links, app links). */
      appLinks: appLinksSchema.optional(),
      applications: z
        .array(applicationSchema(env, channels))
        .min(1, "must list at least one application")
        .superRefine((apps, ctx) => {
          rejectDuplicates(apps, "appId", ctx);
          rejectSharedIds(apps, channels, ctx);
        }),
    })
    .refine((file) => !(file.signingKey && file.signingKeys), {
      message: "set signingKey (one key) or signingKeys (a rotation), not both",
      path: ["signingKeys"],
    });
}

export type ConfigFile = z.infer<ReturnType<typeof configFileSchema>>;
