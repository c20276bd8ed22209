import { readFileSync } from "node:fs";

import { z } from "zod";

import { type Env } from "./config-error";

/**
 * Secrets are never written in the file: `appSecret: { env: ACME_WX_SECRET }` names the
 * environment variable that holds them, or `{ file: /run/secrets/acme_wx }` a file (a Docker or
 * Kubernetes secret mounted as one; a final newline is not part of the secret), so the file can
 * live in git.
 */
export function secretFromEnv(env: Env) {
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
