import { z } from "zod";

import { type ChannelModule } from "../qrcode/channels/channel-module";
import { type Env } from "./config-error";
import { secretFromEnv } from "./secret-ref";

export const identifier = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "must be 1-64 letters, digits, '_', '.' or '-'");

/**
 * A connection (`extIdpConnId`): the fields every type has, and the rest, which its type's
 * channel validates with its own schema (a WeChat app, how its codes are made). The loader
 * knows no type: a new channel brings its schema with it.
 */
export function connectionSchema(env: Env, channels: readonly ChannelModule[]) {
  const types = channels.map((channel) => channel.type);
  const kit = { secret: () => secretFromEnv(env) };
  return z
    .looseObject({
      id: identifier,
      type: z.string().refine((type) => types.includes(type), `must be one of ${types.join(", ")}`),
      enabled: z.boolean().default(true),
      logoUrl: z.url({ protocol: /^https?$/ }).optional(),
    })
    .transform(({ id, type, enabled, logoUrl, ...rest }, ctx) => {
      const channel = channels.find((candidate) => candidate.type === type);
      const parsed = channel?.settingsSchema(kit).safeParse(rest, { reportInput: true });
      if (!parsed?.success) {
        for (const issue of parsed?.error.issues ?? []) {
          const missing = issue.code === "invalid_type" && issue.input === undefined;
          ctx.addIssue({
            code: "custom",
            message: missing ? `required for ${type}` : issue.message,
            path: issue.path,
          });
        }
        return z.NEVER;
      }
      const settings = parsed.data as Readonly<Record<string, unknown>>;
      return { id, type, enabled, ...(logoUrl ? { logoUrl } : {}), settings };
    });
}

/** A channel's rule across the application (MOBILE_APP's: the app's tokens must be checkable). */
export function applicationRuleOfChannels(
  app: { readonly connections: readonly { type: string; enabled: boolean }[]; appTokens?: unknown },
  channels: readonly ChannelModule[],
  ctx: z.RefinementCtx,
): void {
  for (const channel of channels) {
    const used = app.connections.some(
      (connection) => connection.type === channel.type && connection.enabled,
    );
    const issue = used ? channel.checkApplication?.(app) : undefined;
    if (issue) {
      ctx.addIssue({ code: "custom", message: issue.message, path: [issue.path] });
    }
  }
}

/** A type whose connection id names something outside the application (the official
 * account's callback URL) takes each id once across all applications. */
export function rejectSharedIds(
  apps: readonly { connections: readonly { id: string; type: string }[] }[],
  channels: readonly ChannelModule[],
  ctx: z.RefinementCtx,
): void {
  const seen = new Set<string>();
  apps.forEach((app, appIndex) =>
    app.connections.forEach((connection, index) => {
      const because = channels.find(
        (channel) => channel.type === connection.type,
      )?.globallyUniqueIdBecause;
      if (!because) {
        return;
      }
      if (seen.has(connection.id)) {
        ctx.addIssue({
          code: "custom",
          message: `${connection.type} connection id ${connection.id} is used by another application (${because})`,
          path: [appIndex, "connections", index, "id"],
        });
      }
      seen.add(connection.id);
    }),
  );
}
