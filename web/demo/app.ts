/**
 * The company's app, simulated as a phone page, built on the scanner client
 * (`@qr-login-gateway/scanner`) as a real app would be. MOBILE_APP: it gets a demo app token for
 * the chosen name (the service hands these out in demo mode only), shows what is being
 * approved, and approves or refuses. With `npm run dev:wechat` it plays the mini program (a
 * fresh `wx.login` code from the fake WeChat for every call) or the official account (the fake
 * WeChat pushes the signed scan event to the service).
 */
import {
  type ApprovalCard,
  fetchRequest,
  ScannerClient,
  ScannerError,
  type ScannerProof,
  ScannerTransportError,
} from "@qr-login-gateway/scanner";

import { appTexts } from "./app-texts";

const params = new URLSearchParams(location.search);
const scanToken = params.get("scanToken") ?? "";
const type = params.get("type") ?? "MOBILE_APP";
const fakeWeChat = params.get("fakeWeChat") ?? "";
const texts = appTexts(document.documentElement.lang);
const client = new ScannerClient({
  baseUrl: location.origin,
  request: fetchRequest((url, init) => fetch(url, init)),
});
let personName = "";
let appToken = "";

const byId = (id: string): HTMLElement => {
  const node = document.getElementById(id);
  if (!node) {
    throw new Error(`#${id} is missing`);
  }
  return node;
};
const say = (text: string): void => {
  byId("outcome").textContent = text;
};

/** A call to the fake WeChat, as a text body: a simple request, no preflight. */
async function askFakeWeChat(path: string, body: object): Promise<Record<string, unknown>> {
  const response = await fetch(`${fakeWeChat}${path}`, {
    method: "POST",
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
}

/** What proves the scanner: the app user's token, or a fresh `wx.login` code. */
async function proof(): Promise<ScannerProof> {
  if (type === "WECHAT_MINIPROGRAM") {
    const { code } = await askFakeWeChat("/__fake/login-code", {
      appId: params.get("wxAppId"),
      openid: personName.toLowerCase(),
    });
    return { wxCode: String(code), displayName: personName };
  }
  return { bearerToken: appToken };
}

async function signIn(): Promise<void> {
  const response = await fetch("/demo/app-token", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: personName }),
  });
  const body = (await response.json()) as { token?: string; errors?: { message: string }[] };
  if (!body.token) {
    throw new Error(body.errors?.[0]?.message ?? `HTTP ${response.status}`);
  }
  appToken = body.token;
}

function showRequest(seen: ApprovalCard): void {
  byId("application").textContent = seen.applicationName;
  byId("origin").textContent = seen.requestOrigin ?? texts.unknown;
  // The browser and system in words (RFC 10027), the raw User-Agent only when they are unknown.
  const agent = [seen.requestBrowser, seen.requestOs].filter(Boolean).join(texts.agentJoin);
  byId("browser").textContent = agent || (seen.requestUserAgent ?? texts.unknown);
  byId("ip").textContent = seen.requestIp ?? texts.unknown;
  byId("time").textContent =
    `${new Date(seen.requestedAt).toLocaleString(document.documentElement.lang)} (${texts.ago(seen.codeAgeSeconds)})`;
  byId("network-warning").hidden = seen.sameNetwork !== false;
  byId("who").hidden = true;
  byId("approve").hidden = false;
}

async function begin(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  personName = (byId("name") as HTMLInputElement).value.trim();
  try {
    if (type === "WECHAT_OFFICIAL_ACCOUNT") {
      // Scanning a parametric code follows the account; WeChat pushes the event, and the
      // login completes on the service's side with nothing to approve here.
      await askFakeWeChat("/__fake/scan", { scanToken, openid: personName.toLowerCase() });
      byId("who").hidden = true;
      say(texts.wechatLoggedIn(personName));
      return;
    }
    if (type === "MOBILE_APP") {
      await signIn();
    }
    showRequest(await client.scan({ scanToken }, await proof()));
    say(texts.scannedAs(personName));
  } catch (error) {
    say(messageOf(error));
  }
}

async function decide(step: "confirm" | "cancel"): Promise<void> {
  try {
    const result = await client[step]({ scanToken }, await proof());
    byId("approve").hidden = true;
    say(result.status === "AUTHORIZED" ? texts.approved : texts.refused);
  } catch (error) {
    say(messageOf(error));
  }
}

/** The person's sentence for an error: by its name in the error table, in the page's language;
 * the service's own (English) message only for an error this page has no words for. */
function messageOf(error: unknown): string {
  if (error instanceof ScannerError) {
    const words = error.errorName && texts.errors[error.errorName];
    if (words) {
      return typeof words === "function" ? words(error.reason) : words;
    }
    return asSentence(error.message);
  }
  return error instanceof ScannerTransportError ? texts.network : texts.failed;
}

/** The service's messages already say what failed ("cannot scan: the code was cancelled"):
 * shown as a sentence, not behind a second "cannot". */
function asSentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

byId("kind").textContent = type === "MOBILE_APP" ? texts.kind.app : texts.kind.wechat;
if (!scanToken) {
  say(texts.noCode);
  byId("who").hidden = true;
}
byId("who").addEventListener("submit", (event) => void begin(event));
byId("confirm").addEventListener("click", () => void decide("confirm"));
byId("cancel").addEventListener("click", () => void decide("cancel"));
