import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { setTimeout as wait } from "node:timers/promises";

import { type FakeWeChatFault, type FakeWeChatPath, FaultQueue } from "./fake-wechat-faults";
import { miniProgramCodeJpeg, redLogoPng } from "./fake-wechat-images";
import { pushEvent, type PushTarget } from "./fake-wechat-push";

/** A WeChat app the fake knows: its secret, and (optionally) the open platform account it is
 * bound to, which makes its users' `unionid`. */
export interface FakeWeChatApp {
  readonly appId: string;
  readonly secret: string;
  readonly unionOf?: (openid: string) => string;
}

interface LoginCode {
  readonly appId: string;
  readonly openid: string;
  used: boolean;
}

/** Characters WeChat allows in a mini program code's `scene`. */
const SCENE = /^[A-Za-z0-9!#$&'()*+,/:;=?@\-._~]{1,32}$/;
const TOKEN_LIFETIME_S = 7200;

/**
 * A fake of WeChat's HTTP API on loopback, answering as WeChat documents (errors included) for
 * the endpoints this service calls. Tests start it; `npm run dev:wechat` runs one for a newcomer.
 */
export class FakeWeChat {
  readonly faults = new FaultQueue();
  private readonly apps = new Map<string, FakeWeChatApp>();
  private readonly tokens = new Map<string, { appId: string; expiresAt: number }>();
  private readonly currentToken = new Map<string, string>();
  private readonly loginCodes = new Map<string, LoginCode>();
  private readonly parametricScenes = new Map<string, string>();
  private readonly counts = new Map<string, number>();
  private validPages: ReadonlySet<string> | null = null;
  private logo: Buffer | undefined;
  private sameImage = false;
  private fixedImage: Promise<Buffer> | undefined;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  /**
   * `options.sameImage`: every mini program code is one image made once (its scene is not in
   * it), for the bench, where the fake must cost the load generator's core next to nothing.
   */
  static async start(
    apps: readonly FakeWeChatApp[],
    port = 0,
    options: { sameImage?: boolean } = {},
  ): Promise<FakeWeChat> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    const address = server.address();
    const bound = typeof address === "object" && address ? address.port : port;
    const fake = new FakeWeChat(server, `http://127.0.0.1:${bound}`);
    fake.sameImage = options.sameImage ?? false;
    apps.forEach((app) => fake.apps.set(app.appId, app));
    server.on("request", (request: IncomingMessage, response: ServerResponse) => {
      fake.handle(request, response).catch(() => response.writeHead(500).end());
    });
    return fake;
  }

  /** Where `POST /__fake/scan` pushes an official account's events (npm run dev:wechat). */
  pushTarget: PushTarget | undefined;

  /** A `wx.login` code for this person, good once (as WeChat's are). */
  mintLoginCode(appId: string, openid: string): string {
    const code = randomBytes(16).toString("hex");
    this.loginCodes.set(code, { appId, openid, used: false });
    return code;
  }

  /** Every access token handed out so far (a test greps logs for them). */
  issuedTokens(): string[] {
    return [...this.tokens.keys()];
  }

  /** How many times a path was called. */
  calls(path: FakeWeChatPath | "/cgi-bin/token"): number {
    return this.counts.get(path) ?? 0;
  }

  /** Makes every token issued so far answer 42001 (expired), as after WeChat's 2 hours. */
  expireTokens(): void {
    this.tokens.forEach((token) => (token.expiresAt = 0));
    this.currentToken.clear();
  }

  /** With a set, `check_path: true` refuses other pages with 41030 (the published version). */
  publishPages(pages: readonly string[]): void {
    this.validPages = new Set(pages);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", this.url);
    const body = await readBody(request);
    this.counts.set(url.pathname, (this.counts.get(url.pathname) ?? 0) + 1);
    if (url.pathname.startsWith("/__fake/")) {
      // The demo app page (npm run dev:wechat) calls these from the service's origin, with
      // text bodies (simple requests, no preflight).
      response.setHeader("access-control-allow-origin", "*");
    }
    if (url.pathname === "/__fake/logo.png") {
      this.logo ??= await redLogoPng();
      response.writeHead(200, { "content-type": "image/png" }).end(this.logo);
      return;
    }
    if (url.pathname === "/__fake/scan" && request.method === "POST" && this.pushTarget) {
      const { scanToken, openid, event } = JSON.parse(body) as {
        scanToken: string;
        openid: string;
        event?: "SCAN" | "subscribe";
      };
      const kind = event ?? "SCAN";
      const eventKey = kind === "subscribe" ? `qrscene_${scanToken}` : scanToken;
      json(response, {
        attempts: await pushEvent(this.pushTarget, { openid, event: kind, eventKey }),
      });
      return;
    }
    if (url.pathname === "/__fake/login-code" && request.method === "POST") {
      const { appId, openid } = JSON.parse(body) as { appId: string; openid: string };
      json(response, { code: this.mintLoginCode(appId, openid) });
      return;
    }
    const fault = this.faults.next(url.pathname);
    if (fault && (await this.serveFault(fault, response))) {
      return;
    }
    const answer = await this.answer(url, body);
    if (Buffer.isBuffer(answer)) {
      response.writeHead(200, { "content-type": "image/jpeg" }).end(answer);
    } else {
      json(response, answer);
    }
  }

  /** Serves the fault; false when it only delays the real answer. */
  private async serveFault(fault: FakeWeChatFault, response: ServerResponse): Promise<boolean> {
    if ("delayMs" in fault) {
      await wait(fault.delayMs);
      return false;
    }
    if ("httpStatus" in fault) {
      response
        .writeHead(fault.httpStatus, { "content-type": "text/html" })
        .end("<html>busy</html>");
    } else if ("garbage" in fault) {
      response.writeHead(200, { "content-type": "image/jpeg" }).end(Buffer.from("GIF89a\x00\x01"));
    } else {
      json(response, wechatError(fault.errcode), fault.contentType);
    }
    return true;
  }

  private async answer(url: URL, body: string): Promise<Record<string, unknown> | Buffer> {
    switch (url.pathname) {
      case "/cgi-bin/stable_token":
        return this.stableToken(JSON.parse(body) as Record<string, unknown>);
      case "/cgi-bin/token":
        return wechatError(40001); // never to be called: it would fight other servers' tokens
      case "/wxa/getwxacodeunlimit":
        return this.miniProgramCode(url, JSON.parse(body) as Record<string, unknown>);
      case "/sns/jscode2session":
        return this.codeToSession(url.searchParams);
      case "/cgi-bin/qrcode/create":
        return this.parametricCode(url, JSON.parse(body) as Record<string, unknown>);
      case "/cgi-bin/user/info":
        return this.userInfo(url);
      default:
        return wechatError(40066); // invalid url
    }
  }

  private stableToken(request: Record<string, unknown>): Record<string, unknown> {
    const app = this.apps.get(String(request.appid));
    if (!app) {
      return wechatError(40013);
    }
    if (request.secret !== app.secret) {
      return wechatError(40125);
    }
    let token = this.currentToken.get(app.appId);
    if (!token || request.force_refresh === true) {
      token = randomBytes(24).toString("base64url");
      this.tokens.set(token, { appId: app.appId, expiresAt: Date.now() + TOKEN_LIFETIME_S * 1000 });
      this.currentToken.set(app.appId, token);
    }
    const expiresAt = this.tokens.get(token)?.expiresAt ?? 0;
    return { access_token: token, expires_in: Math.floor((expiresAt - Date.now()) / 1000) };
  }

  private async miniProgramCode(
    url: URL,
    request: Record<string, unknown>,
  ): Promise<Record<string, unknown> | Buffer> {
    const caller = this.tokenApp(url);
    if ("error" in caller) {
      return caller.error;
    }
    const scene = String(request.scene ?? "");
    if (!SCENE.test(scene)) {
      return wechatError(40169);
    }
    const page = request.page;
    if (
      (typeof page === "string" && (page.startsWith("/") || page.includes("?"))) ||
      (request.check_path !== false && this.validPages && !this.validPages.has(String(page)))
    ) {
      return wechatError(41030);
    }
    const width = Math.min(1280, Math.max(280, Number(request.width ?? 430)));
    if (this.sameImage) {
      return (this.fixedImage ??= miniProgramCodeJpeg("bench", width));
    }
    return miniProgramCodeJpeg(scene, width);
  }

  /** The app a business call's access_token belongs to, or WeChat's error for it. */
  private tokenApp(url: URL): { app: FakeWeChatApp } | { error: Record<string, unknown> } {
    const token = this.tokens.get(url.searchParams.get("access_token") ?? "");
    const app = token && this.apps.get(token.appId);
    if (!token || !app) {
      return { error: wechatError(40001) };
    }
    return token.expiresAt <= Date.now() ? { error: wechatError(42001) } : { app };
  }

  private parametricCode(url: URL, request: Record<string, unknown>): Record<string, unknown> {
    const caller = this.tokenApp(url);
    if ("error" in caller) {
      return caller.error;
    }
    const action = request.action_info as { scene?: { scene_str?: unknown } } | undefined;
    const scene = action?.scene?.scene_str;
    if (request.action_name !== "QR_STR_SCENE" || typeof scene !== "string" || scene.length > 64) {
      return wechatError(40053); // invalid action info
    }
    const ticket = randomBytes(24).toString("base64");
    this.parametricScenes.set(ticket, scene);
    return {
      ticket,
      expire_seconds: Number(request.expire_seconds ?? 60),
      url: `http://weixin.qq.com/q/${randomBytes(12).toString("base64url")}`,
    };
  }

  private userInfo(url: URL): Record<string, unknown> {
    const caller = this.tokenApp(url);
    if ("error" in caller) {
      return caller.error;
    }
    const openid = url.searchParams.get("openid") ?? "";
    const unionid = caller.app.unionOf?.(openid);
    return { subscribe: 1, openid, ...(unionid ? { unionid } : {}) };
  }

  /** The scene of a parametric code, by WeChat's ticket (what a push's Ticket field carries). */
  sceneOfTicket(ticket: string): string | undefined {
    return this.parametricScenes.get(ticket);
  }

  private codeToSession(query: URLSearchParams): Record<string, unknown> {
    const app = this.apps.get(query.get("appid") ?? "");
    if (!app) {
      return wechatError(40013);
    }
    if (query.get("secret") !== app.secret) {
      return wechatError(40125);
    }
    const login = this.loginCodes.get(query.get("js_code") ?? "");
    if (!login || login.appId !== app.appId) {
      return wechatError(40029);
    }
    if (login.used) {
      return wechatError(40163);
    }
    login.used = true;
    const unionid = app.unionOf?.(login.openid);
    return {
      openid: login.openid,
      session_key: randomBytes(16).toString("base64"),
      ...(unionid ? { unionid } : {}),
    };
  }
}

function wechatError(errcode: number): Record<string, unknown> {
  // WeChat's errmsg carries a request id that differs every time: decide on errcode only.
  return { errcode, errmsg: `fake error rid: ${randomBytes(6).toString("hex")}` };
}

function json(response: ServerResponse, body: unknown, contentType = "application/json"): void {
  response.writeHead(200, { "content-type": contentType }).end(JSON.stringify(body));
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}
