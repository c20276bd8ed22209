import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { EventCrypto, wechatSignature } from "../src/wechat/event-crypto";
import { load } from "./load";
import { LOAD_CORE, runNode, startNode, waitUntilUp } from "./processes";
import { type Row } from "./report";

const SERVICE = "http://127.0.0.1:4220";
const FAKE_PORT = "4221";
const WX_APP = { appId: "wx-bench", secret: "bench-secret" };
const HEADERS = { "content-type": "application/json", "x-app-id": "bench" };
const CONFIG = `
applications:
  - appId: bench
    name: Bench
    appTokens: { issuer: bench, audience: bench, secret: { env: APP_TOKEN_SECRET } }
    connections:
      - { id: app, type: MOBILE_APP }
      - id: mp
        type: WECHAT_MINIPROGRAM
        wechat: { appId: ${WX_APP.appId}, appSecret: { env: WX_SECRET } }
        miniProgram: { checkPath: false }
      - id: oa
        type: WECHAT_OFFICIAL_ACCOUNT
        wechat: { appId: ${WX_APP.appId}, appSecret: { env: WX_SECRET } }
        officialAccount: { token: { env: OA_TOKEN }, encodingAESKey: { env: OA_AES_KEY } }
`;
const OA_TOKEN = "bench-official-account-token";
const OA_AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

function generate(type: string): string {
  return JSON.stringify({
    query: `mutation { generateQRCode(input: { type: ${type} }) { qrcodeId url } }`,
  });
}

/**
 * WECHAT_MINIPROGRAM generation with a warm access token against MOBILE_APP generation on the
 * same service in the same run, the fake WeChat on the load generator's core (as WeChat is
 * another machine); then the logo merge on one core.
 */
export async function benchWeChat(rows: Row[], seconds: number): Promise<void> {
  const wechat = startNode(
    "bench/fake-wechat-process.js",
    {
      FAKE_WECHAT_PORT: FAKE_PORT,
      FAKE_WECHAT_APP_ID: WX_APP.appId,
      FAKE_WECHAT_SECRET: WX_APP.secret,
    },
    LOAD_CORE,
  );
  const directory = mkdtempSync(join(tmpdir(), "qr-bench-"));
  const config = join(directory, "bench.yaml");
  writeFileSync(config, CONFIG);
  const service = startNode("src/main.js", {
    PORT: "4220",
    LOG_LEVEL: "warn",
    PUBLIC_URL: SERVICE,
    QR_CONFIG: config,
    APP_TOKEN_SECRET: "bench-app-token-secret-0123456789-abcdef",
    WX_SECRET: WX_APP.secret,
    WECHAT_API_BASE_URL: `http://127.0.0.1:${FAKE_PORT}`,
    OA_TOKEN,
    OA_AES_KEY,
    WECHAT_CALLBACK_LIMIT: "1000000000/1",
  });
  try {
    await waitUntilUp(`${SERVICE}/healthz`);
    await waitUntilUp(`http://127.0.0.1:${FAKE_PORT}/__fake/logo.png`);
    const warm = await fetch(`${SERVICE}/graphql`, {
      method: "POST",
      headers: HEADERS,
      body: generate("WECHAT_MINIPROGRAM"),
    });
    if (!(await warm.text()).includes("qrcodeId")) {
      throw new Error("the WeChat bench could not generate a mini program code");
    }
    const runs = {
      app: [] as Awaited<ReturnType<typeof load>>[],
      mp: [] as Awaited<ReturnType<typeof load>>[],
    };
    for (let round = 0; round < 2; round++) {
      for (const [key, type] of [
        ["app", "MOBILE_APP"],
        ["mp", "WECHAT_MINIPROGRAM"],
      ] as const) {
        runs[key].push(
          await load({
            url: `${SERVICE}/graphql`,
            method: "POST",
            headers: HEADERS,
            body: generate(type),
            duration: seconds,
          }),
        );
      }
    }
    const app = runs.app.reduce((a, b) => (b.rps > a.rps ? b : a));
    const mp = runs.mp.reduce((a, b) => (b.rps > a.rps ? b : a));
    const ratio = mp.rps / app.rps;
    rows.push({
      figure: "generateQRCode (WECHAT_MINIPROGRAM, warm token, fake WeChat)",
      value: `${Math.round(mp.rps)} req/s (p99 ${mp.p99} ms)`,
      baseline: `MOBILE_APP generation: ${Math.round(app.rps)}/s`,
      ratio: `${ratio.toFixed(2)}×`,
      target: "≥ 0.25×, p99 < 50 ms",
      ok: ratio >= 0.25 && mp.p99 < 50 && mp.non2xx === 0,
    });
    await benchCallback(rows, seconds);
  } finally {
    service.kill("SIGTERM");
    wechat.kill("SIGTERM");
  }
  const merge = JSON.parse(runNode("bench/logo-merge.js", ["300"])) as {
    perSecond: number;
    p50Ms: number;
    roundTripP50Ms: number;
  };
  rows.push({
    figure: "logo merge (430 px JPEG code, one core)",
    value: `${Math.round(merge.perSecond)} codes/s, p50 ${merge.p50Ms.toFixed(1)} ms`,
    baseline: `sharp decode + encode only: p50 ${merge.roundTripP50Ms.toFixed(1)} ms`,
    ratio: `${(merge.p50Ms / merge.roundTripP50Ms).toFixed(2)}× the time`,
    target: "≥ 200/s, p50 < 5 ms",
    ok: merge.perSecond >= 200 && merge.p50Ms < 5,
  });
}

/**
 * Signed SCAN events for scenes that are no code's (what a busy account receives all day), in
 * plain and in safe mode, each request signed and encrypted once up front (the service checks
 * every one in full: signature, timestamp, XML, decryption).
 */
async function benchCallback(rows: Row[], seconds: number): Promise<void> {
  for (const mode of ["plain", "safe"] as const) {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = "424242";
    const event = `<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[openid-bench]]></FromUserName><CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[SCAN]]></Event><EventKey><![CDATA[NoSuchCodeNoSuchCodeNoSuchCode00]]></EventKey></xml>`;
    const query = new URLSearchParams({
      signature: wechatSignature(OA_TOKEN, timestamp, nonce),
      timestamp,
      nonce,
    });
    let body = event;
    if (mode === "safe") {
      const encrypted = new EventCrypto(OA_AES_KEY, WX_APP.appId).encrypt(event);
      query.set("encrypt_type", "aes");
      query.set("msg_signature", wechatSignature(OA_TOKEN, timestamp, nonce, encrypted));
      body = `<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`;
    }
    const result = await load({
      url: `${SERVICE}/wechat/oa/callback?${query}`,
      method: "POST",
      headers: { "content-type": "text/xml" },
      body,
      duration: seconds,
    });
    const target = mode === "plain" ? 2000 : 1000;
    rows.push({
      figure: `official account callback, ${mode} mode (unknown scenes)`,
      value: `${Math.round(result.rps)} events/s (p99 ${result.p99} ms)`,
      target: `≥ ${target}/s, p99 < 20 ms`,
      ok: result.rps >= target && result.p99 < 20 && result.non2xx === 0,
    });
  }
}
