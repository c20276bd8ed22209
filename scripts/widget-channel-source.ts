import { type ChannelModule } from "../src/qrcode/channels/channel-module";

/**
 * The widget's view of the channels, as TypeScript source: its `QrCodeType` union and each
 * type's texts. The browser bundle cannot import the channels (they bring zod and the
 * services), so `npm run schema:emit` writes this to web/widget/channel-texts.generated.ts and
 * a test fails when the file is stale.
 */
export function widgetChannelSource(channels: readonly ChannelModule[]): string {
  const union = channels.map(({ type }) => JSON.stringify(type)).join(" | ");
  const texts = (locale: "en" | "zh-CN") =>
    Object.fromEntries(channels.map((channel) => [channel.type, channel.texts[locale]]));
  return [
    "// Generated from src/qrcode/channels by `npm run schema:emit`: do not edit.",
    "",
    "/** What the person scans the code with (the schema's QRCodeType). */",
    `export type QrCodeType = ${union};`,
    "",
    "export interface ChannelTexts {",
    "  readonly prompt: string;",
    "  readonly imageLabel: string;",
    "}",
    "",
    "/** Each type's line under the code and its image's accessible name, by language. */",
    'export const CHANNEL_TEXTS: Record<"en" | "zh-CN", Record<QrCodeType, ChannelTexts>> = ' +
      `${JSON.stringify({ en: texts("en"), "zh-CN": texts("zh-CN") }, null, 2)};`,
    "",
  ].join("\n");
}
