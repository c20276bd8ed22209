import { type FastifyBaseLogger } from "fastify";

import { AppTokenAuthenticator } from "./auth/app-token-authenticator";
import { JwtTokenIssuer } from "./auth/jwt-token-issuer";
import { loadSigningKeys } from "./auth/signing-key";
import { type SigningKeyRing } from "./auth/signing-key-ring";
import { type ServiceConfig } from "./config/load-config";
import { type SchemaServices } from "./graphql/build-schema";
import { HttpLoginHook } from "./hooks/http-login-hook";
import { SharpLogoMerger } from "./imaging/sharp-logo-merger";
import { noMetrics, type ServiceMetrics } from "./metrics/service-metrics";
import { BUILT_IN_CHANNELS } from "./qrcode/channels/built-in-channels";
import { type ChannelModule } from "./qrcode/channels/channel-module";
import { ChannelRegistry } from "./qrcode/channels/channel-registry";
import { OfficialAccountEvents } from "./qrcode/channels/wechat-official-account/official-account-events";
import { type Clock } from "./qrcode/clock";
import { CountedSessionStore } from "./qrcode/counted-session-store";
import { DeviceAuthorizationService } from "./qrcode/device/device-authorization.service";
import { DeviceTokenService } from "./qrcode/device/device-token.service";
import { UserCodeLookup } from "./qrcode/device/user-code-lookup";
import { ExchangeGuard } from "./qrcode/exchange-guard";
import { LoginApproval } from "./qrcode/login-approval";
import { type ProcessRoom } from "./qrcode/ports/process-room.port";
import { type Stores } from "./qrcode/ports/stores.port";
import { QRCodeService } from "./qrcode/qrcode.service";
import { QRCodeImageService } from "./qrcode/qrcode-image.service";
import { type ApplicationDirectory, applicationDirectory } from "./qrcode/resolve-caller";
import { ScannerService } from "./qrcode/scanner.service";
import { ScannerPace } from "./qrcode/scanner-pace";
import { StatusService } from "./qrcode/status.service";
import { TicketService } from "./qrcode/ticket.service";
import { AccessTokens } from "./wechat/access-tokens";
import { MiniProgramClient } from "./wechat/mini-program-client";
import { OfficialAccountCallback } from "./wechat/official-account-callback";
import { OfficialAccountClient } from "./wechat/official-account-client";
import { PushReplayGuard } from "./wechat/push-replay-guard";
import { WeChatHttp } from "./wechat/wechat-http";

/** WeChat waits 5 s for a callback's answer: leave a second for the network. */
const WECHAT_ANSWER_WITHIN_MS = 4000;

/** A finished or expired code stays readable this long, so a slow page still sees why. */
const RETENTION_AFTER_EXPIRY_MS = 5 * 60 * 1000;

export interface ServiceGraph extends SchemaServices {
  /** RFC 8628 on the QR sessions: device authorizations and the token endpoint's polls. */
  readonly devices: {
    readonly authorizations: DeviceAuthorizationService;
    readonly tokens: DeviceTokenService;
  };
  readonly applications: ApplicationDirectory;
  readonly images: QRCodeImageService;
  readonly wechatCallback: OfficialAccountCallback;
  /** Closes the outbound connections (WeChat's keep-alive pool). */
  close(): Promise<void>;
  readonly signingKeys: SigningKeyRing;
}

export interface ServiceDependencies {
  readonly config: ServiceConfig;
  readonly stores: Stores;
  readonly clock: Clock;
  readonly logger: FastifyBaseLogger;
  /** The process's memory budget, which waiting pages count in. */
  readonly room: ProcessRoom;
  readonly metrics?: ServiceMetrics;
  readonly channels?: readonly ChannelModule[];
}

/** The composition root of the domain: every service with its adapters, built once. */
export function createServices(deps: ServiceDependencies): ServiceGraph {
  const {
    config,
    stores,
    clock,
    logger,
    metrics = noMetrics,
    channels: modules = BUILT_IN_CHANNELS,
  } = deps;
  const sessions = new CountedSessionStore(stores.sessions, metrics, clock);
  const applications = applicationDirectory(config.applications);
  const signingKeys = loadSigningKeys(config.signingKeys, retireAfterMs(config));
  const wechatHttp = new WeChatHttp(config.wechat, metrics);
  const accessTokens = new AccessTokens(wechatHttp, stores.sharedCache, config.wechat.timeoutMs);
  const officialAccounts = new OfficialAccountClient(wechatHttp, accessTokens);
  const kit = {
    appTokens: new AppTokenAuthenticator(applications, clock),
    miniProgram: new MiniProgramClient(wechatHttp, accessTokens),
    officialAccount: officialAccounts,
    logos: new SharpLogoMerger(),
  };
  const channels = new ChannelRegistry(modules.map((module) => module.create(kit)));
  const tickets = new TicketService(
    stores.onceValues,
    stores.users,
    new JwtTokenIssuer(signingKeys, config.publicUrl, clock),
    clock,
    new ExchangeGuard(stores.rateLimiter),
    metrics,
  );
  const approval = new LoginApproval(
    sessions,
    applications,
    channels,
    new HttpLoginHook(clock, logger),
    tickets,
  );
  const scanner = new ScannerService(
    sessions,
    applications,
    channels,
    approval,
    new ScannerPace(stores.rateLimiter, config.limits.scannerLimit),
    new UserCodeLookup(stores.sharedCache, stores.rateLimiter),
    clock,
  );
  const wechatEvents = new OfficialAccountEvents(
    applications,
    sessions,
    approval,
    officialAccounts,
    stores.sharedCache,
  );
  const qrcodes = new QRCodeService(sessions, stores.blobs, channels, clock, {
    publicUrl: config.publicUrl,
    retentionAfterExpiryMs: RETENTION_AFTER_EXPIRY_MS,
    applications,
    rateLimiter: stores.rateLimiter,
    defaultGenerateLimit: config.limits.generateLimit,
  });
  const now = () => clock.now();
  return {
    close: () => wechatHttp.close(),
    devices: {
      authorizations: new DeviceAuthorizationService(qrcodes, applications, stores.sharedCache, {
        publicUrl: config.publicUrl,
        now,
        intervalSeconds: config.limits.devicePollIntervalSeconds,
      }),
      tokens: new DeviceTokenService(sessions, tickets, applications, stores.sharedCache, now),
    },
    applications,
    signingKeys,
    qrcodes,
    images: new QRCodeImageService(sessions, stores.blobs, clock),
    scanner,
    wechatCallback: new OfficialAccountCallback(
      wechatEvents,
      stores.rateLimiter,
      new PushReplayGuard(stores.sharedCache, config.limits.wechatCallbackMaxSkewSeconds),
      clock,
      {
        maxSkewSeconds: config.limits.wechatCallbackMaxSkewSeconds,
        limit: config.limits.wechatCallbackLimit,
        answerWithinMs: WECHAT_ANSWER_WITHIN_MS,
      },
      (error) =>
        logger.error({ err: error }, "an official account login failed after WeChat was answered"),
    ),
    statuses: new StatusService(
      sessions,
      stores.statusEvents,
      clock,
      stores.pollLimiter,
      tickets,
      {
        perCode: config.limits.subscriptionsPerCode,
        inAll: config.limits.wsMaxSubscriptions,
        room: deps.room,
      },
      metrics,
    ),
    tickets,
  };
}

/** Verifiers may be this far out of step with our clock (RFC 7519 leeway, typically 60 s). */
const CLOCK_SKEW_MS = 60_000;

/** A replaced key stays published until every token it signed has expired: the longest token
 * lifetime of any application, plus clock skew. */
function retireAfterMs(config: ServiceConfig): number {
  const longest = Math.max(...config.applications.map((app) => app.tokenLifetimeSeconds));
  return longest * 1000 + CLOCK_SKEW_MS;
}
