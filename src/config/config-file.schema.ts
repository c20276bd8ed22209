import { createPublicKey } from "node:crypto";
import { readFileSync } from "node:fs";

import { z } from "zod";

import {
  DEFAULT_LOGIN_HOOK_TIMEOUT_MS,
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_QR_CODE_LIFETIME_SECONDS,
  DEFAULT_SCAN_URL_TEMPLATE,
  DEFAULT_TICKET_LIFETIME_SECONDS,
  DEFAULT_TOKEN_LIFETIME_SECONDS,
} from "../qrcode/application";
import { QR_CODE_TYPES } from "../qrcode/qrcode.types";

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Secrets are never written in the file: `appSecret: { env: ACME_WX_SECRET }` names the
 * environment variable that holds them, or `{ file: /run/secrets/acme_wx }` a file (a Docker or
 * Kubernetes secret mounted as one; a final newline is not part of the secret), so the file can
 * live in git.
 */
function secretFromEnv(env: Env) {
  return z
    .strictObject({
      env: z
        .string()
        .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be a variable name")
        .optional(),
      file: z.string().startsWith("/", "must be an absolute path").optional(),
    })
    .transform((ref, ctx) => {
      if ((ref.env === undefined) === (ref.file === undefined)) {
        ctx.addIssue({
          code: "custom",
          message: "must be { env: VARIABLE } or { file: /absolute/path }",
        });
        return z.NEVER;
      }
      const value = ref.env === undefined ? readSecretFile(ref.file ?? "") : env[ref.env];
      if (!value) {
        ctx.addIssue({
          code: "custom",
          message:
            ref.env === undefined
              ? `secret file ${ref.file} is missing or empty`
              : `environment variable ${ref.env} is not set`,
        });
        return z.NEVER;
      }
      return value;
    });
}

function readSecretFile(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8").replace(/\r?\n$/, "");
  } catch {
    return undefined;
  }
}

const identifier = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "must be 1-64 letters, digits, '_', '.' or '-'");

const origin = z
  .string()
  .refine(
    (value) => value === "*" || /^https?:\/\/[^/\s]+$/.test(value),
    "must be '*' or an origin like https://login.example.com (no path)",
  );

/** `page` as WeChat takes it: a path inside the mini program, no leading `/`, no query. */
const miniProgramPage = z
  .string()
  .regex(/^[A-Za-z0-9_\-./]{1,128}$/, "must be a page path like pages/login/index")
  .refine((page) => !page.startsWith("/"), "must not start with '/'");

const miniProgramSchema = z.strictObject({
  page: miniProgramPage.optional(),
  envVersion: z.enum(["release", "trial", "develop"]).default("release"),
  width: z.number().int().min(280).max(1280).default(430),
  checkPath: z.boolean().default(true),
});

function officialAccountSchema(env: Env) {
  return z.strictObject({
    token: secretFromEnv(env),
    encodingAESKey: secretFromEnv(env)
      .refine((key) => /^[A-Za-z0-9+/]{43}$/.test(key), "must be 43 base64 characters")
      .optional(),
    loginReply: z.string().min(1).max(600).optional(),
    openPlatform: z.boolean().default(false),
  });
}

/**
 * A connection (`extIdpConnId`) and what its type needs besides the common fields: the WeChat
 * types name a WeChat app, and a mini program says how its codes are made. A new channel adds
 * its rule here.
 */
function connectionSchema(env: Env) {
  return z
    .strictObject({
      id: identifier,
      type: z.enum(QR_CODE_TYPES),
      enabled: z.boolean().default(true),
      logoUrl: z.url({ protocol: /^https?$/ }).optional(),
      wechat: z
        .strictObject({ appId: z.string().min(1), appSecret: secretFromEnv(env) })
        .optional(),
      miniProgram: miniProgramSchema.optional(),
      officialAccount: officialAccountSchema(env).optional(),
    })
    .superRefine((connection, ctx) => {
      if (connection.type !== "MOBILE_APP" && !connection.wechat) {
        ctx.addIssue({
          code: "custom",
          message: `required for ${connection.type}`,
          path: ["wechat"],
        });
      }
      if (connection.type === "WECHAT_OFFICIAL_ACCOUNT" && !connection.officialAccount) {
        ctx.addIssue({
          code: "custom",
          message: "required for WECHAT_OFFICIAL_ACCOUNT (at least its token)",
          path: ["officialAccount"],
        });
      }
      if (connection.type !== "WECHAT_OFFICIAL_ACCOUNT" && connection.officialAccount) {
        ctx.addIssue({
          code: "custom",
          message: "only for WECHAT_OFFICIAL_ACCOUNT connections",
          path: ["officialAccount"],
        });
      }
      if (connection.type !== "WECHAT_MINIPROGRAM" && connection.miniProgram) {
        ctx.addIssue({
          code: "custom",
          message: "only for WECHAT_MINIPROGRAM connections",
          path: ["miniProgram"],
        });
      }
    })
    .transform((connection) =>
      connection.type === "WECHAT_MINIPROGRAM"
        ? { ...connection, miniProgram: miniProgramSchema.parse(connection.miniProgram ?? {}) }
        : connection,
    );
}

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

function applicationSchema(env: Env) {
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
        .array(connectionSchema(env))
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
      generateLimit: z
        .strictObject({
          perClientIp: z.number().int().min(1).max(100_000),
          windowSeconds: z.number().int().min(1).max(86_400),
        })
        .optional(),
    })
    .superRefine((app, ctx) => {
      const scannedByApp = app.connections.some(
        (connection) => connection.type === "MOBILE_APP" && connection.enabled,
      );
      if (scannedByApp && !app.appTokens) {
        ctx.addIssue({
          code: "custom",
          message:
            "required when a MOBILE_APP connection is enabled (how scanners prove who they are)",
          path: ["appTokens"],
        });
      }
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

/** An official account's callback is `/wechat/{connectionId}/callback`: its id names one
 * connection across all applications. */
function rejectSharedCallbackIds(
  apps: readonly { connections: readonly { id: string; type: string }[] }[],
  ctx: z.RefinementCtx,
): void {
  const seen = new Set<string>();
  apps.forEach((app, appIndex) =>
    app.connections.forEach((connection, index) => {
      if (connection.type !== "WECHAT_OFFICIAL_ACCOUNT") {
        return;
      }
      if (seen.has(connection.id)) {
        ctx.addIssue({
          code: "custom",
          message: `official account connection id ${connection.id} is used by another application (it names the callback URL)`,
          path: [appIndex, "connections", index, "id"],
        });
      }
      seen.add(connection.id);
    }),
  );
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

export function configFileSchema(env: Env) {
  return z
    .strictObject({
      /** The ES256 key that signs the tokens this service issues (PKCS#8 PEM). */
      signingKey: signingKeySchema(env).optional(),
      /** Keys by time (the rotation form): the one with the latest `activeFrom` not in the future
       * signs; see docs/operations.md, "Rotate signing keys". */
      signingKeys: z.array(rotatingKeySchema(env)).min(1, "must list at least one key").optional(),
      /** A key activating sooner than this after start is warned about (verifiers cache JWKS). */
      signingKeyPublishAheadSeconds: z.number().int().min(0).default(3600),
      applications: z
        .array(applicationSchema(env))
        .min(1, "must list at least one application")
        .superRefine((apps, ctx) => {
          rejectDuplicates(apps, "appId", ctx);
          rejectSharedCallbackIds(apps, ctx);
        }),
    })
    .refine((file) => !(file.signingKey && file.signingKeys), {
      message: "set signingKey (one key) or signingKeys (a rotation), not both",
      path: ["signingKeys"],
    });
}

export type ConfigFile = z.infer<ReturnType<typeof configFileSchema>>;
