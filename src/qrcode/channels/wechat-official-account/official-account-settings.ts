import { z } from "zod";

import { type Connection } from "../../application";
import { type SettingsKit } from "../channel-module";
import { wechatAppSchema } from "../wechat-user";

/** How an official account's event pushes are checked (and, in safe mode, decrypted). */
function officialAccountSchema(kit: SettingsKit) {
  return z.strictObject({
    /** The Token set in the account's server configuration: signs every push. */
    token: kit.secret(),
    /** Set for safe (and compatible) mode: 43 characters. */
    encodingAESKey: kit
      .secret()
      .refine((key) => /^[A-Za-z0-9+/]{43}$/.test(key), "must be 43 base64 characters")
      .optional(),
    /** A text WeChat shows the person after a login, e.g. "登录成功，请回到网页". */
    loginReply: z.string().min(1).max(600).optional(),
    /** The account is bound to an open platform account: users are named by unionid. */
    openPlatform: z.boolean().default(false),
  });
}

export function officialAccountSettingsSchema(kit: SettingsKit) {
  return z.strictObject({
    wechat: wechatAppSchema(kit),
    officialAccount: officialAccountSchema(kit),
  });
}

export type OfficialAccountSettings = z.output<ReturnType<typeof officialAccountSettingsSchema>>;
export type OfficialAccountOptions = OfficialAccountSettings["officialAccount"];

/** Validated by `officialAccountSettingsSchema` when the config was loaded. */
export function officialAccountSettingsOf(connection: Connection): OfficialAccountSettings {
  return connection.settings as OfficialAccountSettings;
}
