/**
 * The company's app, simulated as a phone page. MOBILE_APP: it gets a demo app token for the
 * chosen name (the service hands these out in demo mode only), shows what is being approved,
 * and approves or refuses with the scanner's GraphQL calls. With `npm run dev:wechat` it plays
 * the mini program (a fresh `wx.login` code from the fake WeChat for every call) or the
 * official account (the fake WeChat pushes the signed scan event to the service).
 */
const params = new URLSearchParams(location.search);
const scanToken = params.get("scanToken") ?? "";
const type = params.get("type") ?? "MOBILE_APP";
const fakeWeChat = params.get("fakeWeChat") ?? "";
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

interface ScanResult {
  readonly status: string;
  readonly applicationName: string;
  readonly requestOrigin: string | null;
  readonly requestUserAgent: string | null;
  readonly requestBrowser: string | null;
  readonly requestOs: string | null;
  readonly requestIp: string | null;
  readonly requestedAt: string;
  readonly codeAgeSeconds: number;
  readonly sameNetwork: boolean | null;
}

const FIELDS =
  "status applicationName requestOrigin requestUserAgent requestBrowser requestOs requestIp requestedAt codeAgeSeconds sameNetwork";

/** A call to the fake WeChat, as a text body: a simple request, no preflight. */
async function askFakeWeChat(path: string, body: object): Promise<Record<string, unknown>> {
  const response = await fetch(`${fakeWeChat}${path}`, {
    method: "POST",
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
}

/** What proves the scanner: the app user's token, or a fresh `wx.login` code. */
async function proof(): Promise<{ headers: Record<string, string>; input: object }> {
  if (type === "WECHAT_MINIPROGRAM") {
    const { code } = await askFakeWeChat("/__fake/login-code", {
      appId: params.get("wxAppId"),
      openid: personName.toLowerCase(),
    });
    return { headers: {}, input: { wxCode: code, displayName: personName } };
  }
  return { headers: { authorization: `Bearer ${appToken}` }, input: {} };
}

async function scanner(mutation: string): Promise<ScanResult> {
  const { headers, input } = await proof();
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({
      query: `mutation ($input: ScanQRCodeInput!) { ${mutation}(input: $input) { ${FIELDS} } }`,
      variables: { input: { scanToken, ...input } },
    }),
  });
  const answer = (await response.json()) as {
    data?: Record<string, ScanResult> | null;
    errors?: { message: string }[];
  };
  const result = answer.data?.[mutation];
  if (!result) {
    throw new Error(answer.errors?.[0]?.message ?? `HTTP ${response.status}`);
  }
  return result;
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

function showRequest(seen: ScanResult): void {
  byId("application").textContent = seen.applicationName;
  byId("origin").textContent = seen.requestOrigin ?? "unknown";
  // The browser and system in words (RFC 10027), the raw User-Agent only when they are unknown.
  const agent = [seen.requestBrowser, seen.requestOs].filter(Boolean).join(" on ");
  byId("browser").textContent = agent || (seen.requestUserAgent ?? "unknown");
  byId("ip").textContent = seen.requestIp ?? "unknown";
  byId("time").textContent =
    `${new Date(seen.requestedAt).toLocaleString()} (${seen.codeAgeSeconds} s ago)`;
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
      say(`WeChat told the service that ${personName} scanned: you are logged in on the computer.`);
      return;
    }
    if (type === "MOBILE_APP") {
      await signIn();
    }
    showRequest(await scanner("scanQRCode"));
    say(`Scanned as ${personName}.`);
  } catch (error) {
    say(asSentence((error as Error).message));
  }
}

async function decide(mutation: "confirmQRCode" | "cancelQRCode"): Promise<void> {
  try {
    const result = await scanner(mutation);
    byId("approve").hidden = true;
    say(
      result.status === "AUTHORIZED" ? "Approved: you are logged in on the computer." : "Refused.",
    );
  } catch (error) {
    say(asSentence((error as Error).message));
  }
}

byId("kind").textContent =
  type === "MOBILE_APP" ? "the company's mobile app" : "WeChat (the fake of npm run dev:wechat)";
if (!scanToken) {
  say("Open this page from a login code (its link carries the scan token).");
  byId("who").hidden = true;
}
byId("who").addEventListener("submit", (event) => void begin(event));
byId("confirm").addEventListener("click", () => void decide("confirmQRCode"));
byId("cancel").addEventListener("click", () => void decide("cancelQRCode"));

/** The service's messages already say what failed ("cannot scan: the code was cancelled"):
 * shown as a sentence, not behind a second "cannot". */
function asSentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
