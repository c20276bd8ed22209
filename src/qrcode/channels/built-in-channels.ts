import { type ChannelModule } from "./channel-module";
import { mobileAppModule } from "./mobile-app/mobile-app.module";
import { miniProgramModule } from "./wechat-miniprogram/wechat-miniprogram.module";
import { officialAccountModule } from "./wechat-official-account/wechat-official-account.module";

/**
 * The QR code types this service runs, in the order the GraphQL enum lists them: the one list
 * every other is made from (the enum, the config's connection types, the REST facade's, the
 * widget's generated types). Adding a type is adding its folder and a line here.
 */
export const BUILT_IN_CHANNELS: readonly ChannelModule[] = [
  mobileAppModule,
  miniProgramModule,
  officialAccountModule,
];
