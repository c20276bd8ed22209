import { z } from "zod";

import { type Connection } from "../../application";
import { type SettingsKit } from "../channel-module";
import { wechatAppSchema } from "../wechat-user";

/** `page` as WeChat takes it: a path inside the mini program, no leading `/`, no query. */
const miniProgramPage = z
  .string()
  .regex(/^[A-Za-z0-9_\-./]{1,128}$/, "must be a page path like pages/login/index")
  .refine((page) => !page.startsWith("/"), "must not start with '/'");

/** How a mini program code is made (`wxa/getwxacodeunlimit`). */
const miniProgramSchema = z.strictObject({
  /** The page the code opens; the mini program's home when absent. */
  page: miniProgramPage.optional(),
  envVersion: z.enum(["release", "trial", "develop"]).default("release"),
  /** 280–1280 px. */
  width: z.number().int().min(280).max(1280).default(430),
  /** Whether WeChat checks that `page` exists in the published mini program. */
  checkPath: z.boolean().default(true),
});

export function miniProgramSettingsSchema(kit: SettingsKit) {
  return z.strictObject({
    wechat: wechatAppSchema(kit),
    miniProgram: miniProgramSchema.default(miniProgramSchema.parse({})),
  });
}

export type MiniProgramSettings = z.output<ReturnType<typeof miniProgramSettingsSchema>>;

/** Validated by `miniProgramSettingsSchema` when the config was loaded. */
export function miniProgramSettingsOf(connection: Connection): MiniProgramSettings {
  return connection.settings as MiniProgramSettings;
}
