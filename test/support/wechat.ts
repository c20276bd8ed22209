import jsQR from "jsqr";
import sharp from "sharp";

import { FakeWeChat } from "../../scripts/fake-wechat/fake-wechat-server";
import { type FakeWeChatApp } from "../../scripts/fake-wechat/fake-wechat-server";
import { GenerateQrCodeDocument } from "../../src/__generated__/client";
import { type Application, type Connection } from "../../src/qrcode/application";
import { type MiniProgramSettings } from "../../src/qrcode/channels/wechat-miniprogram/mini-program-settings";
import { type LoginHookCall } from "../../src/qrcode/ports/login-hook.port";
import { type Stores } from "../../src/qrcode/ports/stores.port";
import { sendJson, startLoopbackServer } from "./loopback-server";
import { REDIS_TEST_URL } from "./redis";
import {
  type GraphQLEndpoint,
  type RunningServer,
  startTestServer,
  type TestServerOptions,
} from "./test-server";

export { FakeWeChat };

/** The mini program every WeChat test logs in through. */
export const MP_APP_ID = "wx-mp-test";
export const MP_SECRET = "mp-secret-never-to-be-seen-0123456789";

/** A connection's common fields to change, and its mini program settings to replace. */
export type MiniProgramOverrides = Partial<Omit<Connection, "settings">> &
  Partial<MiniProgramSettings>;

export function miniProgramConnection(overrides: MiniProgramOverrides = {}): Connection {
  const {
    wechat = { appId: MP_APP_ID, appSecret: MP_SECRET },
    miniProgram = {
      envVersion: "release",
      width: 430,
      checkPath: true,
      page: "pages/login/index",
    },
    ...common
  } = overrides;
  return {
    id: "acme-mp",
    type: "WECHAT_MINIPROGRAM",
    enabled: true,
    logoUrl: "https://acme.test/mp.png",
    settings: { wechat, miniProgram },
    ...common,
  };
}

/** An application whose login pages offer the company's mini program. */
export function miniProgramApplication(connections: readonly Connection[]): Application {
  return {
    appId: "acme-wx",
    name: "Acme WeChat",
    allowedOrigins: ["*"],
    qrCodeLifetimeSeconds: 60,
    scanUrlTemplate: "{PUBLIC_URL}/scan/{scanToken}",
    connections,
    ticketLifetimeSeconds: 60,
    pollIntervalMs: 100,
    tokenLifetimeSeconds: 3600,
  };
}

export const WX_HEADERS = { "x-app-id": "acme-wx" };

/** Decodes the QR symbol in any image sharp reads (WeChat's JPEG, a merged code). */
export async function decodeImageQr(image: Buffer): Promise<string | null> {
  const { data, info } = await sharp(image)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data ?? null;
}

/** The scan token in a generated code's URL (`…/qrcode/{scanToken}.jpg`). */
export function scanTokenOf(url: string): string {
  const token = /\/qrcode\/([A-Za-z0-9]+)\.(jpg|png)$/.exec(url)?.[1];
  if (!token) {
    throw new Error(`no scan token in ${url}`);
  }
  return token;
}

/** `generateQRCode` of a WeChat type as the acme-wx login page asks; throws on an error. */
export async function generateWeChatCode(
  api: GraphQLEndpoint,
  input: Record<string, unknown> = {},
  type: "WECHAT_MINIPROGRAM" | "WECHAT_OFFICIAL_ACCOUNT" = "WECHAT_MINIPROGRAM",
) {
  const response = await api.graphql(
    GenerateQrCodeDocument,
    { input: { type, ...input } } as never,
    WX_HEADERS,
  );
  const data = response.data?.generateQRCode;
  if (!data) {
    throw new Error(JSON.stringify(response.errors));
  }
  return { ...data, scanToken: scanTokenOf(data.url) };
}

/** The mini program every WeChat test logs in through, as the fake WeChat knows it. */
export const MINI_PROGRAM_APP: FakeWeChatApp = { appId: MP_APP_ID, secret: MP_SECRET };

/** A fake WeChat and one service calling it. */
export interface WeChatTestbed {
  readonly fake: FakeWeChat;
  readonly running: RunningServer;
  close(): Promise<void>;
}

/**
 * A fake WeChat serving `apps`, then a service on it (the mini program application unless the
 * options name others). `options` may be a function of the fake, for a test that prepares it
 * (published pages, a push target) before the service starts.
 */
export async function startWithFakeWeChat(
  apps: readonly FakeWeChatApp[] = [MINI_PROGRAM_APP],
  options:
    | Omit<TestServerOptions, "wechatBaseUrl">
    | ((fake: FakeWeChat) => Omit<TestServerOptions, "wechatBaseUrl">) = {},
): Promise<WeChatTestbed> {
  const fake = await FakeWeChat.start(apps);
  const chosen = typeof options === "function" ? options(fake) : options;
  const running = await startTestServer({
    applications: [miniProgramApplication([miniProgramConnection()])],
    ...chosen,
    wechatBaseUrl: fake.url,
  });
  return {
    fake,
    running,
    close: async () => {
      await running.close();
      await fake.close();
    },
  };
}

/** Two replicas sharing Redis under `keyPrefix`, serving one WeChat connection against a fresh
 * fake WeChat; all three are closed after `run`. */
export async function withTwoWeChatReplicas(
  apps: readonly FakeWeChatApp[],
  connection: Connection,
  keyPrefix: string,
  run: (a: RunningServer, b: RunningServer, fake: FakeWeChat) => Promise<void>,
): Promise<void> {
  const fake = await FakeWeChat.start(apps);
  const options = {
    applications: [miniProgramApplication([connection])],
    wechatBaseUrl: fake.url,
    redis: { url: REDIS_TEST_URL, keyPrefix },
  };
  const [a, b] = await Promise.all([startTestServer(options), startTestServer(options)]);
  try {
    await run(a, b, fake);
  } finally {
    await Promise.all([a.close(), b.close()]);
    await fake.close();
  }
}

/** One service whose application has `connection` and a login hook that allows every login
 * (answering after `answerAfterMs`), against a fresh fake WeChat serving `app`; `run` gets the
 * hook's calls. All three are closed after `run`. */
export async function withWeChatLoginHook(
  app: FakeWeChatApp,
  connection: Connection,
  hook: { readonly timeoutMs: number; readonly answerAfterMs?: number },
  run: (running: RunningServer, fake: FakeWeChat, calls: LoginHookCall[]) => Promise<void>,
  stores?: Stores,
): Promise<void> {
  const calls: LoginHookCall[] = [];
  const server = await startLoopbackServer((_request, body, response) => {
    calls.push(JSON.parse(body) as LoginHookCall);
    setTimeout(() => sendJson(response, 200, { allow: true }), hook.answerAfterMs ?? 0);
  });
  const fake = await FakeWeChat.start([app]);
  const running = await startTestServer({
    applications: [
      {
        ...miniProgramApplication([connection]),
        loginHook: {
          url: server.url,
          secret: "hook-secret-0123456789-0123456789",
          timeoutMs: hook.timeoutMs,
        },
      },
    ],
    wechatBaseUrl: fake.url,
    stores,
  });
  try {
    await run(running, fake, calls);
  } finally {
    // A test may have closed it already (to test the shutdown itself).
    await running.close().catch(() => undefined);
    await fake.close();
    await server.close();
  }
}
