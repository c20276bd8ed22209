import { type z } from "zod";

import { type LogoMerger } from "../ports/logo-merger.port";
import { type ScannerAuthenticator } from "../ports/scanner-auth.port";
import { type WeChatMiniProgram } from "../ports/wechat-mini-program.port";
import { type WeChatOfficialAccount } from "../ports/wechat-official-account.port";
import { type QRChannel } from "./qr-channel";

/** What a channel's config schema may use: secrets by reference (`{ env }` or `{ file }`),
 * resolved by the config loader. */
export interface SettingsKit {
  secret(): z.ZodType<string>;
}

/** The adapters the composition root has for channels; each channel takes what it needs. */
export interface ChannelKit {
  readonly appTokens: ScannerAuthenticator;
  readonly miniProgram: WeChatMiniProgram;
  readonly officialAccount: WeChatOfficialAccount;
  readonly logos: LogoMerger;
}

/** A channel's words, in each language the pages speak. */
export interface ChannelTexts {
  /** The widget's line under the code. */
  readonly prompt: string;
  /** The image's accessible name. */
  readonly imageLabel: string;
}

/**
 * Everything of one QR code type, in its own folder: its name and description (the GraphQL
 * enum value and the REST facade's), its connection settings (validated at start by its own
 * schema: the config loader asks the channel), the scanner proof fields it reads, its texts,
 * and the channel itself. Adding a type is adding a folder and one line in
 * `built-in-channels.ts` (or, in a test, passing the module to the server).
 */
export interface ChannelModule<Settings = unknown> {
  readonly type: string;
  /** The GraphQL enum value's description. */
  readonly description: string;
  readonly texts: { readonly en: ChannelTexts; readonly "zh-CN": ChannelTexts };
  /** The keys of a connection of this type besides id, type, enabled and logoUrl. */
  settingsSchema(kit: SettingsKit): z.ZodType<Settings>;
  /** A rule across an application's settings (e.g. "needs appTokens"): an issue or nothing. */
  checkApplication?(app: { readonly appTokens?: unknown }): ApplicationIssue | undefined;
  /** A connection id that must be unique across all applications, and why. */
  readonly globallyUniqueIdBecause?: string;
  create(kit: ChannelKit): QRChannel;
}

export interface ApplicationIssue {
  readonly path: string;
  readonly message: string;
}
