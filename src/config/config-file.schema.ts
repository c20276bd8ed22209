import { z } from "zod";

import { DEFAULT_QR_CODE_LIFETIME_SECONDS, DEFAULT_SCAN_URL_TEMPLATE } from "../qrcode/application";
import { QR_CODE_TYPES } from "../qrcode/qrcode.types";

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Secrets are never written in the file: `appSecret: { env: ACME_WX_SECRET }` names the
 * environment variable that holds them, so the file can live in git.
 */
function secretFromEnv(env: Env) {
  return z
    .strictObject({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be a variable name") })
    .transform((ref, ctx) => {
      const value = env[ref.env];
      if (!value) {
        ctx.addIssue({ code: "custom", message: `environment variable ${ref.env} is not set` });
        return z.NEVER;
      }
      return value;
    });
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
      miniProgram: z
        .strictObject({
          page: z.string().min(1).optional(),
          envVersion: z.enum(["release", "trial", "develop"]).default("release"),
          width: z.number().int().min(280).max(1280).default(430),
        })
        .optional(),
    })
    .superRefine((connection, ctx) => {
      if (connection.type !== "MOBILE_APP" && !connection.wechat) {
        ctx.addIssue({
          code: "custom",
          message: `required for ${connection.type}`,
          path: ["wechat"],
        });
      }
    });
}

function applicationSchema(env: Env) {
  return z.strictObject({
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
  });
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

export function configFileSchema(env: Env) {
  return z.strictObject({
    applications: z
      .array(applicationSchema(env))
      .min(1, "must list at least one application")
      .superRefine((apps, ctx) => rejectDuplicates(apps, "appId", ctx)),
  });
}

export type ConfigFile = z.infer<ReturnType<typeof configFileSchema>>;
